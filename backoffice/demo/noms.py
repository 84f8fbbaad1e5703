"""Word lists of the demo data: communes per département, people, streets, invented operators.

Communes and postal codes are real; every organisation name is invented (any likeness to a real
body is accidental). Populations are rough 2021 figures in thousands, used only as weights.
"""

# code: (population in thousands, "Commune CP|Commune CP|…"): the first commune is the chef-lieu.
COMMUNES = {
    "01": (660, "Bourg-en-Bresse 01000|Oyonnax 01100|Ambérieu-en-Bugey 01500"),
    "02": (530, "Laon 02000|Saint-Quentin 02100|Soissons 02200|Château-Thierry 02400"),
    "03": (335, "Moulins 03000|Montluçon 03100|Vichy 03200"),
    "04": (165, "Digne-les-Bains 04000|Manosque 04100|Sisteron 04200"),
    "05": (140, "Gap 05000|Briançon 05100|Embrun 05200"),
    "06": (1100, "Nice 06000|Cannes 06400|Antibes 06600|Grasse 06130|Menton 06500"),
    "07": (330, "Privas 07000|Annonay 07100|Aubenas 07200"),
    "08": (270, "Charleville-Mézières 08000|Sedan 08200|Rethel 08300"),
    "09": (155, "Foix 09000|Pamiers 09100|Saint-Girons 09200"),
    "10": (310, "Troyes 10000|Romilly-sur-Seine 10100|Bar-sur-Aube 10200"),
    "11": (375, "Carcassonne 11000|Narbonne 11100|Castelnaudary 11400"),
    "12": (280, "Rodez 12000|Millau 12100|Villefranche-de-Rouergue 12200"),
    "13": (
        2040,
        "Marseille 13001|Aix-en-Provence 13100|Arles 13200|Aubagne 13400|"
        "Martigues 13500|Salon-de-Provence 13300|Istres 13800",
    ),
    "14": (700, "Caen 14000|Lisieux 14100|Bayeux 14400|Hérouville-Saint-Clair 14200"),
    "15": (145, "Aurillac 15000|Saint-Flour 15100|Mauriac 15200"),
    "16": (350, "Angoulême 16000|Cognac 16100|Confolens 16500"),
    "17": (660, "La Rochelle 17000|Saintes 17100|Rochefort 17300|Royan 17200"),
    "18": (300, "Bourges 18000|Vierzon 18100|Saint-Amand-Montrond 18200"),
    "19": (240, "Tulle 19000|Brive-la-Gaillarde 19100|Ussel 19200"),
    "2A": (160, "Ajaccio 20000|Porto-Vecchio 20137|Sartène 20100"),
    "2B": (180, "Bastia 20200|Corte 20250|Calvi 20260"),
    "21": (535, "Dijon 21000|Beaune 21200|Montbard 21500"),
    "22": (600, "Saint-Brieuc 22000|Lannion 22300|Dinan 22100|Guingamp 22200"),
    "23": (115, "Guéret 23000|Aubusson 23200|La Souterraine 23300"),
    "24": (415, "Périgueux 24000|Bergerac 24100|Sarlat-la-Canéda 24200"),
    "25": (545, "Besançon 25000|Montbéliard 25200|Pontarlier 25300"),
    "26": (520, "Valence 26000|Montélimar 26200|Romans-sur-Isère 26100"),
    "27": (600, "Évreux 27000|Vernon 27200|Louviers 27400"),
    "28": (430, "Chartres 28000|Dreux 28100|Châteaudun 28200"),
    "29": (920, "Quimper 29000|Brest 29200|Morlaix 29600|Concarneau 29900"),
    "30": (750, "Nîmes 30000|Alès 30100|Bagnols-sur-Cèze 30200"),
    "31": (1420, "Toulouse 31000|Colomiers 31770|Muret 31600|Saint-Gaudens 31800"),
    "32": (190, "Auch 32000|Condom 32100|Mirande 32300"),
    "33": (1650, "Bordeaux 33000|Mérignac 33700|Pessac 33600|Libourne 33500|Arcachon 33120"),
    "34": (1200, "Montpellier 34000|Béziers 34500|Sète 34200|Lunel 34400"),
    "35": (1100, "Rennes 35000|Saint-Malo 35400|Fougères 35300|Vitré 35500"),
    "36": (220, "Châteauroux 36000|Issoudun 36100|Le Blanc 36300"),
    "37": (610, "Tours 37000|Joué-lès-Tours 37300|Amboise 37400|Chinon 37500"),
    "38": (1270, "Grenoble 38000|Vienne 38200|Bourgoin-Jallieu 38300|Voiron 38500"),
    "39": (260, "Lons-le-Saunier 39000|Dole 39100|Saint-Claude 39200"),
    "40": (415, "Mont-de-Marsan 40000|Dax 40100|Biscarrosse 40600"),
    "41": (330, "Blois 41000|Vendôme 41100|Romorantin-Lanthenay 41200"),
    "42": (765, "Saint-Étienne 42000|Roanne 42300|Montbrison 42600|Firminy 42700"),
    "43": (227, "Le Puy-en-Velay 43000|Yssingeaux 43200|Brioude 43100"),
    "44": (
        1450,
        "Nantes 44000|Saint-Nazaire 44600|Rezé 44400|Saint-Herblain 44800|"
        "Châteaubriant 44110|La Baule-Escoublac 44500|Ancenis-Saint-Géréon 44150|"
        "Orvault 44700",
    ),
    "45": (680, "Orléans 45000|Montargis 45200|Gien 45500|Pithiviers 45300"),
    "46": (174, "Cahors 46000|Figeac 46100|Gourdon 46300"),
    "47": (330, "Agen 47000|Villeneuve-sur-Lot 47300|Marmande 47200"),
    "48": (76, "Mende 48000|Marvejols 48100|Langogne 48300"),
    "49": (
        820,
        "Angers 49000|Cholet 49300|Saumur 49400|Trélazé 49800|Segré-en-Anjou Bleu 49500|"
        "Avrillé 49240",
    ),
    "50": (495, "Saint-Lô 50000|Cherbourg-en-Cotentin 50100|Avranches 50300|Coutances 50200"),
    "51": (565, "Châlons-en-Champagne 51000|Reims 51100|Épernay 51200|Vitry-le-François 51300"),
    "52": (172, "Chaumont 52000|Saint-Dizier 52100|Langres 52200"),
    "53": (307, "Laval 53000|Mayenne 53100|Château-Gontier-sur-Mayenne 53200"),
    "54": (730, "Nancy 54000|Lunéville 54300|Toul 54200|Vandœuvre-lès-Nancy 54500"),
    "55": (183, "Bar-le-Duc 55000|Verdun 55100|Commercy 55200"),
    "56": (760, "Vannes 56000|Lorient 56100|Pontivy 56300"),
    "57": (1045, "Metz 57000|Thionville 57100|Forbach 57600|Sarreguemines 57200"),
    "58": (200, "Nevers 58000|Cosne-Cours-sur-Loire 58200|Clamecy 58500"),
    "59": (
        2610,
        "Lille 59000|Roubaix 59100|Tourcoing 59200|Dunkerque 59140|Valenciennes 59300|"
        "Douai 59500|Maubeuge 59600|Cambrai 59400",
    ),
    "60": (830, "Beauvais 60000|Compiègne 60200|Creil 60100|Senlis 60300"),
    "61": (278, "Alençon 61000|Flers 61100|Argentan 61200"),
    "62": (1460, "Arras 62000|Calais 62100|Boulogne-sur-Mer 62200|Lens 62300|Béthune 62400"),
    "63": (665, "Clermont-Ferrand 63000|Riom 63200|Thiers 63300|Issoire 63500"),
    "64": (690, "Pau 64000|Bayonne 64100|Biarritz 64200|Oloron-Sainte-Marie 64400"),
    "65": (230, "Tarbes 65000|Lourdes 65100|Bagnères-de-Bigorre 65200"),
    "66": (485, "Perpignan 66000|Céret 66400|Prades 66500"),
    "67": (1150, "Strasbourg 67000|Haguenau 67500|Sélestat 67600|Saverne 67700"),
    "68": (765, "Colmar 68000|Mulhouse 68100|Saint-Louis 68300"),
    "69": (
        1890,
        "Lyon 69001|Villeurbanne 69100|Vénissieux 69200|Villefranche-sur-Saône 69400|"
        "Vaulx-en-Velin 69120",
    ),
    "70": (233, "Vesoul 70000|Lure 70200|Gray 70100"),
    "71": (550, "Mâcon 71000|Chalon-sur-Saône 71100|Le Creusot 71200|Autun 71400"),
    "72": (565, "Le Mans 72000|La Flèche 72200|Sablé-sur-Sarthe 72300"),
    "73": (440, "Chambéry 73000|Aix-les-Bains 73100|Albertville 73200"),
    "74": (840, "Annecy 74000|Annemasse 74100|Thonon-les-Bains 74200|Cluses 74300"),
    "75": (2130, "Paris 75001"),
    "76": (1250, "Rouen 76000|Le Havre 76600|Dieppe 76200|Elbeuf 76500"),
    "77": (1440, "Melun 77000|Meaux 77100|Chelles 77500|Fontainebleau 77300"),
    "78": (1450, "Versailles 78000|Saint-Germain-en-Laye 78100|Mantes-la-Jolie 78200|Poissy 78300"),
    "79": (375, "Niort 79000|Bressuire 79300|Parthenay 79200"),
    "80": (570, "Amiens 80000|Abbeville 80100|Péronne 80200"),
    "81": (390, "Albi 81000|Castres 81100|Gaillac 81600"),
    "82": (262, "Montauban 82000|Castelsarrasin 82100|Moissac 82200"),
    "83": (1090, "Toulon 83000|Fréjus 83600|Draguignan 83300|Hyères 83400"),
    "84": (565, "Avignon 84000|Carpentras 84200|Orange 84100|Cavaillon 84300"),
    "85": (
        690,
        "La Roche-sur-Yon 85000|Les Sables-d'Olonne 85100|Fontenay-le-Comte 85200|Challans 85300",
    ),
    "86": (440, "Poitiers 86000|Châtellerault 86100|Loudun 86200"),
    "87": (372, "Limoges 87000|Saint-Junien 87200|Bellac 87300"),
    "88": (362, "Épinal 88000|Saint-Dié-des-Vosges 88100|Remiremont 88200"),
    "89": (335, "Auxerre 89000|Sens 89100|Avallon 89200"),
    "90": (140, "Belfort 90000|Delle 90100|Valdoie 90300"),
    "91": (1310, "Évry-Courcouronnes 91000|Corbeil-Essonnes 91100|Massy 91300|Étampes 91150"),
    "92": (1630, "Nanterre 92000|Boulogne-Billancourt 92100|Colombes 92700|Gennevilliers 92230"),
    "93": (
        1660,
        "Bobigny 93000|Saint-Denis 93200|Montreuil 93100|Aubervilliers 93300|"
        "Aulnay-sous-Bois 93600",
    ),
    "94": (
        1410,
        "Créteil 94000|Vitry-sur-Seine 94400|Ivry-sur-Seine 94200|Champigny-sur-Marne 94500",
    ),
    "95": (1260, "Cergy 95000|Argenteuil 95100|Sarcelles 95200|Pontoise 95300"),
    "971": (385, "Basse-Terre 97100|Pointe-à-Pitre 97110|Les Abymes 97139"),
    "972": (360, "Fort-de-France 97200|Le Lamentin 97232|Le Robert 97231"),
    "973": (285, "Cayenne 97300|Saint-Laurent-du-Maroni 97320|Kourou 97310"),
    "974": (870, "Saint-Denis 97400|Saint-Pierre 97410|Le Port 97420|Saint-Paul 97460"),
    "976": (300, "Mamoudzou 97600|Dzaoudzi 97615|Koungou 97690"),
}

# Cities whose first postal code is the 1st arrondissement: any arrondissement is drawn.
ARRONDISSEMENTS = {"Paris": 20, "Marseille": 16, "Lyon": 9}

# Where accommodation concentrates beyond population (Paris, big cities, Seine-Saint-Denis).
SURPOIDS = {"75": 2.2, "93": 1.6, "13": 1.4, "69": 1.4, "59": 1.3, "92": 1.1, "94": 1.1}

PRENOMS = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Claire",
    "Sophie",
    "Nadia",
    "Fatou",
    "Aïcha",
    "Émilie",
    "Anne",
    "Marie",
    "Hélène",
    "Lucas",
    "Thomas",
    "Hugo",
    "Nicolas",
    "Julien",
    "Karim",
    "Mehdi",
    "Yann",
    "Pierre",
    "Antoine",
    "Mamadou",
    "Olivier",
    "David",
    "Paul",
]
NOMS = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Le Goff",
    "Benali",
    "Diallo",
    "Traoré",
    "Nguyen",
    "Haddad",
    "Kerjean",
]
VOIES = [
    "rue de la République",
    "avenue Jean Jaurès",
    "rue Victor Hugo",
    "rue Pasteur",
    "boulevard Gambetta",
    "rue du Général de Gaulle",
    "rue Jules Ferry",
    "place de la Mairie",
    "rue des Lilas",
    "chemin des Vignes",
    "rue de la Gare",
    "avenue de la Libération",
    "rue Émile Zola",
    "rue du Moulin",
    "allée des Tilleuls",
    "rue Jean Moulin",
    "quai des Chartreux",
    "rue de l'Église",
    "impasse des Acacias",
    "rue Marcel Paul",
    "boulevard de la Liberté",
]
# Names given to buildings and services ("CADA Les Tilleuls", "CHRS L'Escale").
LIEUX = [
    "Les Tilleuls",
    "L'Escale",
    "Le Phare",
    "Les Glycines",
    "La Passerelle",
    "Le Relais",
    "Les Acacias",
    "Saint-Exupéry",
    "Jean Moulin",
    "Les Peupliers",
    "La Boussole",
    "L'Étape",
    "Le Tremplin",
    "Les Marronniers",
    "Le Port",
    "L'Oasis",
    "La Rose des Vents",
    "Les Hirondelles",
    "Louise Michel",
    "Simone Veil",
    "Victor Schœlcher",
    "Les Cèdres",
    "L'Horizon",
    "Le Cap",
    "La Source",
    "Les Jardins",
    "L'Abri",
    "La Clairière",
    "Le Pont",
    "Olympe de Gouges",
]
# Words of local association names ("Association Accueil et Solidarité de Nantes").
MOTS_ASSOCIATIFS = [
    "Accueil",
    "Solidarité",
    "Insertion",
    "Logement",
    "Entraide",
    "Partage",
    "Hébergement",
    "Fraternité",
    "Avenir",
    "Réinsertion",
    "Citoyenneté",
    "Asile",
    "Familles",
    "Jeunesse",
]

# Invented national operators: (raison sociale, statut, siège, profile).
OPERATEURS = [
    ("Accolia", "association", "75", "asile_logement"),
    ("France Terre d'Accueil", "association", "75", "asile"),
    ("Relais Méditerranée Accueil", "association", "13", "mixte"),
    ("Adomys Résidences", "sem", "75", "logement"),
    ("Fondation Abri Fraternel", "fondation", "75", "ahi"),
    ("Forum Asile et Solidarités", "association", "69", "asile"),
    ("Groupe Passerelles Solidaires", "association", "13", "ahi"),
    ("Cités de l'Espoir", "association", "75", "ahi"),
    ("Habitat Fraternité Logement", "fondation", "69", "logement"),
    ("Entraide Horizon Asile", "association", "33", "asile"),
    ("Alvéole Insertion", "association", "59", "ahi"),
    ("Relais Atlantique Accueil", "association", "44", "mixte"),
]


def communes(departement):
    """[(commune, code postal)] of a département (Paris, Marseille, Lyon by arrondissement)."""
    resultat = []
    for morceau in COMMUNES[departement][1].split("|"):
        nom, code_postal = morceau.rsplit(" ", 1)
        if nom in ARRONDISSEMENTS:
            base = int(code_postal) - 1
            resultat += [(nom, f"{base + n:05d}") for n in range(1, ARRONDISSEMENTS[nom] + 1)]
        else:
            resultat.append((nom, code_postal))
    return resultat


def population(departement):
    return COMMUNES[departement][0]


def de(ville):
    """« de Nantes », « d'Angers », « du Mans », « des Sables-d'Olonne »."""
    if ville.startswith("Le "):
        return f"du {ville[3:]}"
    if ville.startswith("Les "):
        return f"des {ville[4:]}"
    if ville[0] in "AEIOUYÉÈÂÎ":
        return f"d'{ville}"
    return f"de {ville}"
