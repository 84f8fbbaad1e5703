-- Base initiale de l'essai local : toutes les migrations appliquées à une base SQLite vide.
-- Écrite par `make base-initiale` (manage.py base_initiale) ; ne pas modifier à la main.
-- Empreinte de chaque migration (source et modules du projet qu'elle importe) :
-- migration acces.0001_initial 0098902876b7b4fd
-- migration acces.0002_recherche_normalisee 4dd40c2ad10942e6
-- migration admin.0001_initial f4716989d9815b62
-- migration admin.0002_logentry_remove_auto_add 2c127e659a2236ed
-- migration admin.0003_logentry_add_action_flag_choices 02700a827190720e
-- migration appels.0001_initial ee164b64c28a50e1
-- migration appels.0002_bornes_appels 931fa1f9b719a299
-- migration appels.0002_recherche_normalisee 1ab3e47693c4ba6f
-- migration appels.0003_merge_0002_bornes_appels_0002_recherche_normalisee 747ec1255feb6037
-- migration appels.0004_documents_rattaches e1e4b24f08a47b2d
-- migration auth.0001_initial 845cff319606332f
-- migration auth.0002_alter_permission_name_max_length feaf97e0e8f7d148
-- migration auth.0003_alter_user_email_max_length 9d5657b4db9872dc
-- migration auth.0004_alter_user_username_opts 9538db342c9a9bec
-- migration auth.0005_alter_user_last_login_null 79f60a35dc000fdd
-- migration auth.0006_require_contenttypes_0002 00cb16e3405f14b6
-- migration auth.0007_alter_validators_add_error_messages 115db87dc327530f
-- migration auth.0008_alter_user_username_max_length 02857f65f7d64814
-- migration auth.0009_alter_user_last_name_max_length 19a89500e7f108a7
-- migration auth.0010_alter_group_name_max_length 0963ed6498ac0b3a
-- migration auth.0011_update_proxy_permissions 85a5dde708dc4b61
-- migration auth.0012_alter_user_first_name_max_length 6cefbc9f80903763
-- migration contenttypes.0001_initial 35ed8489a147e0b4
-- migration contenttypes.0002_remove_content_type_name 7d36494075750f0e
-- migration controle.0001_initial 42e0823a3dfd47cc
-- migration conventions.0001_initial bb636f79e508754e
-- migration conventions.0002_bornes_montants_avenant 0f6b157b419fe882
-- migration conventions.0002_recherche_normalisee a4c14bed4908ab47
-- migration conventions.0003_bornes_conventions 56ff26d5ac11c284
-- migration conventions.0004_merge_20261207_0244 dcb002556e137773
-- migration conventions.0005_ligne_effet_le 4b055962f67d268a
-- migration demandes.0001_initial 154139840e47a0fc
-- migration demandes.0002_recherche_normalisee 7a71795af9c00406
-- migration demandes.0003_pieces_jointes_documents 46078eaffac62509
-- migration demandes.0004_pieces_jointes_sans_anciennes_colonnes e02fb13640df851b
-- migration django_tasks_database.0001_initial cf812b2fc6a74045
-- migration django_tasks_database.0002_alter_dbtaskresult_options 64089e9ab4b601be
-- migration django_tasks_database.0003_dbtaskresult_enqueued_at_dbtaskresult_finished_at 70aca531cfdec5a6
-- migration django_tasks_database.0004_dbtaskresult_started_at 6a2df89c09660a47
-- migration django_tasks_database.0005_alter_dbtaskresult_priority_and_more e5ceed750a4ddea0
-- migration django_tasks_database.0006_alter_dbtaskresult_args_kwargs_and_more 1df8a72be81de333
-- migration django_tasks_database.0007_add_separate_results_fields 5a2bcd56bbf250fd
-- migration django_tasks_database.0008_separate_results_field 70bebf6c70a525ea
-- migration django_tasks_database.0009_remove_results_field 5f3794029968d300
-- migration django_tasks_database.0010_alter_dbtaskresult_status b78d0ee8642c2ac7
-- migration django_tasks_database.0011_rename_complete_status 06c588d077968906
-- migration django_tasks_database.0012_add_separate_exception_fields 91e47c25219e7502
-- migration django_tasks_database.0013_separate_exception_fields bf4b6c5e8befb7fe
-- migration django_tasks_database.0014_remove_dbtaskresult_exception_data 7358598390935d3f
-- migration django_tasks_database.0015_correctly_order_run_after c445a528a79c2706
-- migration django_tasks_database.0016_remove_dbtaskresult_django_task_new_ordering_idx_and_more b21812d340c4c029
-- migration django_tasks_database.0017_dbtaskresult_metadata 6ddbf92d0402a793
-- migration django_tasks_database.0018_rename_succeeded_status 49ab041400c46592
-- migration django_tasks_database.0019_rename_django_task_new_ordering_idx_tasks_db_new_ordering_idx_and_more cad7beb4a4288289
-- migration dsfr.0001_initial fe39ca2262dbb9bf
-- migration dsfr.0002_auto_20211209_1557 56203adddf3b935b
-- migration dsfr.0003_alter_dsfrconfig_accessibility_status cb058d74a49f321a
-- migration dsfr.0004_dsfrconfig_beta_tag_dsfrconfig_operator_logo_alt_and_more ab9531c1c964f042
-- migration dsfr.0005_dsfrconfig_notice 70b330f0fe9f55aa
-- migration dsfr.0006_alter_dsfrconfig_accessibility_status 834d3b4f97e503c9
-- migration dsfr.0007_dsfrconfig_newsletter_description_and_more efb9be02ce43e3aa
-- migration dsfr.0008_alter_dsfrsocialmedia_options_dsfrconfig_language_and_more 48f26b952c870d7b
-- migration dsfr.0009_dsfrconfig_notice_type_alter_dsfrconfig_notice f8c00cd330279b61
-- migration dsfr.0010_dsfrconfig_notice_icon_class_alter_dsfrconfig_notice_and_more ff6a028258969c90
-- migration dsfr.0011_rename_notice_dsfrconfig_notice_title 320c9c5f1cf3d46c
-- migration dsfr.0012_dsfrconfig_notice_description_and_more 303b1ccbffc7db45
-- migration evaluations.0001_initial a1d48386c622ab80
-- migration exportations.0001_export_differe c59e701abf308270
-- migration imports.0001_initial 36311951b6d89e45
-- migration imports.0002_recherche_normalisee d32832d512ce3306
-- migration imports.0003_nature fa4f594739e47ad7
-- migration occupation.0001_initial 5d765decff57249a
-- migration offre.0001_initial 3a98bb8c08ebd37a
-- migration offre.0002_nomenclature a6edab0c7337e91d
-- migration offre.0003_financement_convention abb031698c5b04ee
-- migration offre.0004_bornes_offre e82843593bb3ebe0
-- migration offre.0004_recherche_normalisee 9731b994a64b8767
-- migration offre.0005_merge_0004_bornes_offre_0004_recherche_normalisee 0bf6da9b93e7166f
-- migration qualite.0001_initial 19fe649860e8d377
-- migration qualite.0002_regle_occupation 80e4512e920dcde2
-- migration schemas.0001_initial 75bfd4759d38821e
-- migration schemas.0002_bornes_schemas 4cd91d4fe274adc4
-- migration schemas.0002_recherche_normalisee bdc63c7a3032ea54
-- migration schemas.0003_merge_0002_bornes_schemas_0002_recherche_normalisee 454c0356126ff6bc
-- migration sessions.0001_initial 2aa438e2393ee513
-- migration signalements.0001_initial bd30c62ba7592a08
-- migration taggit.0001_initial 99ca62a055c530c7
-- migration taggit.0002_auto_20150616_2121 9db9f38747553183
-- migration taggit.0003_taggeditem_add_unique_index 8d474ef8ec122e51
-- migration taggit.0004_alter_taggeditem_content_type_alter_taggeditem_tag f9d1464ef1c663da
-- migration taggit.0005_auto_20220424_2025 0ff3cb6796cf52fb
-- migration taggit.0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx 7e6afc35e33e1db0
-- migration territoires.0001_initial b79d4a09b413d99f
-- migration territoires.0002_cog f1308646402fa74f
-- migration territoires.0003_recherche_normalisee 802ba75af3803c40
-- migration wagtailadmin.0001_create_admin_access_permissions fcbe05ca0d60a8ea
-- migration wagtailadmin.0002_admin 1e2a4c541e9ab35b
-- migration wagtailadmin.0003_admin_managed 620fc672b343ac4e
-- migration wagtailadmin.0004_editingsession 7b870aaf0095ce75
-- migration wagtailadmin.0005_editingsession_is_editing 2366578b652bd350
-- migration wagtailadmin.0006_formstate 1188fcdbffa104cf
-- migration wagtailcore.0001_initial 9f53ad87c6f6e02c
-- migration wagtailcore.0001_squashed_0016_change_page_url_path_to_text_field 938f305a9f38612d
-- migration wagtailcore.0002_initial_data d984e0b825ce02d2
-- migration wagtailcore.0003_add_uniqueness_constraint_on_group_page_permission f3c13d4234999a7f
-- migration wagtailcore.0004_page_locked 054dd5f11e963145
-- migration wagtailcore.0005_add_page_lock_permission_to_moderators 467294823a2d9093
-- migration wagtailcore.0006_add_lock_page_permission fdd0c9f51908a077
-- migration wagtailcore.0007_page_latest_revision_created_at 44a498d1402ed033
-- migration wagtailcore.0008_populate_latest_revision_created_at f0951e0de83ba572
-- migration wagtailcore.0009_remove_auto_now_add_from_pagerevision_created_at ce9ebb7f16009609
-- migration wagtailcore.0010_change_page_owner_to_null_on_delete 3b440fa8c7436a0a
-- migration wagtailcore.0011_page_first_published_at 2a344a1bc91d4b55
-- migration wagtailcore.0012_extend_page_slug_field c8ce5732aad1b2b6
-- migration wagtailcore.0013_update_golive_expire_help_text 058c8ebeb60a5806
-- migration wagtailcore.0014_add_verbose_name e6342beda2c2a352
-- migration wagtailcore.0015_add_more_verbose_names 0c40c0d20c511c91
-- migration wagtailcore.0016_change_page_url_path_to_text_field fc00e2e248e357af
-- migration wagtailcore.0017_change_edit_page_permission_description ccd71ad6211dc9ea
-- migration wagtailcore.0018_pagerevision_submitted_for_moderation_index 9c84c8a317432983
-- migration wagtailcore.0019_verbose_names_cleanup dd647daad29c8ff0
-- migration wagtailcore.0020_add_index_on_page_first_published_at a6bee4fe81de1087
-- migration wagtailcore.0021_capitalizeverbose afd18f829eae58d3
-- migration wagtailcore.0022_add_site_name 24b2b9b04106c8ff
-- migration wagtailcore.0023_alter_page_revision_on_delete_behaviour 757de219a5895b45
-- migration wagtailcore.0024_alter_page_content_type_on_delete_behaviour 81599e333a45b26c
-- migration wagtailcore.0024_collection fcdfe156ab59adbb
-- migration wagtailcore.0025_collection_initial_data 299d294b4dcf5997
-- migration wagtailcore.0026_group_collection_permission c164f30fd7bbd892
-- migration wagtailcore.0027_fix_collection_path_collation f6c14ff3972d5c7d
-- migration wagtailcore.0028_merge c3a7c3972fd9a85c
-- migration wagtailcore.0029_unicode_slugfield_dj19 002cf4f07e5119fb
-- migration wagtailcore.0030_index_on_pagerevision_created_at d2a6d2c2cf713373
-- migration wagtailcore.0031_add_page_view_restriction_types 9a49c448c2d89307
-- migration wagtailcore.0032_add_bulk_delete_page_permission 549175d715c672b6
-- migration wagtailcore.0033_remove_golive_expiry_help_text aa4d91586ada762c
-- migration wagtailcore.0034_page_live_revision d650388923d2e80e
-- migration wagtailcore.0035_page_last_published_at 54d0d7e199f39d02
-- migration wagtailcore.0036_populate_page_last_published_at 5ca7b8c7b2ee598e
-- migration wagtailcore.0037_set_page_owner_editable 4d500a6059471851
-- migration wagtailcore.0038_make_first_published_at_editable 5a987c60fe3a1ee9
-- migration wagtailcore.0039_collectionviewrestriction df7d95a80ca958ce
-- migration wagtailcore.0040_page_draft_title 4c6c9eefd5e9ccd1
-- migration wagtailcore.0041_group_collection_permissions_verbose_name_plural 71b468024ec4733b
-- migration wagtailcore.0042_index_on_pagerevision_approved_go_live_at 2cbafdbb2ea429b4
-- migration wagtailcore.0043_lock_fields ed3b4350910be05f
-- migration wagtailcore.0044_add_unlock_grouppagepermission afe9599444e9fade
-- migration wagtailcore.0045_assign_unlock_grouppagepermission cf179eed03b8e6d2
-- migration wagtailcore.0046_site_name_remove_null 9888cafb23286c1d
-- migration wagtailcore.0047_add_workflow_models 2048996916614d0d
-- migration wagtailcore.0048_add_default_workflows af78db1d42f61524
-- migration wagtailcore.0049_taskstate_finished_by f5f2bca3716c52d8
-- migration wagtailcore.0050_workflow_rejected_to_needs_changes 5c0cdb9025c34923
-- migration wagtailcore.0051_taskstate_comment 0e10a5d370d68cf0
-- migration wagtailcore.0052_pagelogentry 2464223600985305
-- migration wagtailcore.0053_locale_model bfd6fba56a11a9f0
-- migration wagtailcore.0054_initial_locale 94122ab10b32b608
-- migration wagtailcore.0055_page_locale_fields 0bfa4f4932b7ff3e
-- migration wagtailcore.0056_page_locale_fields_populate a5cfb4f23860f576
-- migration wagtailcore.0057_page_locale_fields_notnull 8cb584fc83fac322
-- migration wagtailcore.0058_page_alias_of 478581f22c8083ef
-- migration wagtailcore.0059_apply_collection_ordering 36d535fa96a194a5
-- migration wagtailcore.0060_fix_workflow_unique_constraint 883117a3b45cf863
-- migration wagtailcore.0061_change_promote_tab_helpt_text_and_verbose_names f303f2415229c5ad
-- migration wagtailcore.0062_comment_models_and_pagesubscription 0704ed51a560bac7
-- migration wagtailcore.0063_modellogentry 7f67fc0f5c40fecf
-- migration wagtailcore.0064_log_timestamp_indexes ee7bad344df803c8
-- migration wagtailcore.0065_log_entry_uuid a5b71e830e641059
-- migration wagtailcore.0066_collection_management_permissions dfc28f96014d8412
-- migration wagtailcore.0067_alter_pagerevision_content_json 2ab4c77f237f7afd
-- migration wagtailcore.0068_log_entry_empty_object c5e51c974fdcb28a
-- migration wagtailcore.0069_log_entry_jsonfield 70b22160eb859fe4
-- migration wagtailcore.0070_rename_pagerevision_revision 2f27c5b8f8cf9bc6
-- migration wagtailcore.0071_populate_revision_content_type e8fcd9b84549ac4b
-- migration wagtailcore.0072_alter_revision_content_type_notnull 89429dea4c3c5e04
-- migration wagtailcore.0073_page_latest_revision e6c6f3c351387866
-- migration wagtailcore.0074_revision_object_str 3e57999ac0b3d7a3
-- migration wagtailcore.0075_populate_latest_revision_and_revision_object_str c0d75b90900888d7
-- migration wagtailcore.0076_modellogentry_revision f94bb2161f570155
-- migration wagtailcore.0077_alter_revision_user 6b2de9b98a82f11d
-- migration wagtailcore.0078_referenceindex 501b9d4ff7aa3aad
-- migration wagtailcore.0079_rename_taskstate_page_revision 033f1da052468765
-- migration wagtailcore.0080_generic_workflowstate 9c1c523444a78dc6
-- migration wagtailcore.0081_populate_workflowstate_content_type 3f2c80e824b0527c
-- migration wagtailcore.0082_alter_workflowstate_content_type_notnull 017c8b764cca1872
-- migration wagtailcore.0083_workflowcontenttype e480780558060769
-- migration wagtailcore.0084_add_default_page_permissions 6533eff609740444
-- migration wagtailcore.0085_add_grouppagepermission_permission 14255d76b2debbc9
-- migration wagtailcore.0086_populate_grouppagepermission_permission bd8b17615a7ecca2
-- migration wagtailcore.0087_alter_grouppagepermission_unique_together_and_more 9f5bcc927b35ce33
-- migration wagtailcore.0088_fix_log_entry_json_timestamps e5afc01f4a8cd17f
-- migration wagtailcore.0089_log_entry_data_json_null_to_object 06c80b0a050ecdcb
-- migration wagtailcore.0090_remove_grouppagepermission_permission_type 281e571eb78905c2
-- migration wagtailcore.0091_remove_revision_submitted_for_moderation 66f520f7ab7205fc
-- migration wagtailcore.0092_alter_collectionviewrestriction_password_and_more 44955a20f45f77e0
-- migration wagtailcore.0093_uploadedfile c02885138ca13372
-- migration wagtailcore.0094_alter_page_locale 14d6c54cae836d6d
-- migration wagtailcore.0095_groupsitepermission 578cbf14db2f7eb4
-- migration wagtailcore.0096_referenceindex_referenceindex_source_object_and_more 94d1cc9527502c49
-- migration wagtailcore.0097_baselogentry_uuid_action_timestamp_indexes 038c7d89861a592d
-- migration wagtailcore.0098_apitoken 591ddb5d33ebf911
-- migration wagtaildocs.0001_initial a6847d3092006d3a
-- migration wagtaildocs.0002_initial_data 9cc33694f10ce040
-- migration wagtaildocs.0003_add_verbose_names 2ee10fdad320f232
-- migration wagtaildocs.0004_capitalizeverbose 4651d6a0b6ce05dc
-- migration wagtaildocs.0005_alter_uploaded_by_user_on_delete_action 95ba0c8e03bd5cf6
-- migration wagtaildocs.0005_document_collection 81f9c182c531bff3
-- migration wagtaildocs.0006_copy_document_permissions_to_collections 48117f735ebe3b6e
-- migration wagtaildocs.0007_merge d479b02a6ffa0af1
-- migration wagtaildocs.0008_document_file_size cc62bdd440414b23
-- migration wagtaildocs.0009_document_verbose_name_plural 4d3a685a9446d3b7
-- migration wagtaildocs.0010_document_file_hash 80687d1b5b7ba780
-- migration wagtaildocs.0011_add_choose_permissions e5a96a131812b02f
-- migration wagtaildocs.0012_uploadeddocument 8c60f611a5d5d4da
-- migration wagtaildocs.0013_delete_uploadeddocument da2f6d9b8afee4f9
-- migration wagtaildocs.0014_alter_document_file_size 4ea1c485f5c6157d
-- migration wagtailimages.0001_initial fe18cd6be8eb40ea
-- migration wagtailimages.0001_squashed_0021 daed4ad0904d5f2f
-- migration wagtailimages.0002_initial_data 205c11cfbd2f7030
-- migration wagtailimages.0003_fix_focal_point_fields 91d854b1dbc7f81e
-- migration wagtailimages.0004_make_focal_point_key_not_nullable d8ba85af96195a21
-- migration wagtailimages.0005_make_filter_spec_unique 20fa306ad9d56060
-- migration wagtailimages.0006_add_verbose_names 22bd284a06331caf
-- migration wagtailimages.0007_image_file_size 2dd6a2ecbed86d89
-- migration wagtailimages.0008_image_created_at_index fabcd0f908be61a1
-- migration wagtailimages.0009_capitalizeverbose 5aa100d9244322da
-- migration wagtailimages.0010_change_on_delete_behaviour 7102fb52fe3e2261
-- migration wagtailimages.0011_image_collection 1cee56cfcdc0a9eb
-- migration wagtailimages.0012_copy_image_permissions_to_collections 5569501759e9a7b0
-- migration wagtailimages.0013_make_rendition_upload_callable 9c882b1d3e320f81
-- migration wagtailimages.0014_add_filter_spec_field cfb5cd34b7fa1350
-- migration wagtailimages.0015_fill_filter_spec_field 4c77803737013108
-- migration wagtailimages.0016_deprecate_rendition_filter_relation 2e201ffab6d54bee
-- migration wagtailimages.0017_reduce_focal_point_key_max_length 10eee49449046b33
-- migration wagtailimages.0018_remove_rendition_filter 05b4722063b74868
-- migration wagtailimages.0019_delete_filter 5ea2dddeb669e5ce
-- migration wagtailimages.0020_add-verbose-name 19985bc6729de25f
-- migration wagtailimages.0021_image_file_hash 9b4297dd851d089f
-- migration wagtailimages.0022_uploadedimage 9793ee6186278181
-- migration wagtailimages.0023_add_choose_permissions 37f2b23c43135be6
-- migration wagtailimages.0024_index_image_file_hash c204e1dbef4c5549
-- migration wagtailimages.0025_alter_image_file_alter_rendition_file bba3a6ba48a00247
-- migration wagtailimages.0026_delete_uploadedimage 7035d27dab2f3775
-- migration wagtailimages.0027_image_description 621fef7dd6855f02
-- migration wagtailusers.0001_initial 45a8c1ec67422390
-- migration wagtailusers.0002_add_verbose_name_on_userprofile 2a4c434837ee5c9c
-- migration wagtailusers.0003_add_verbose_names 9590c0e99d195868
-- migration wagtailusers.0004_capitalizeverbose 327e5a4b51ff493d
-- migration wagtailusers.0005_make_related_name_wagtail_specific 45dfa0294cdd846e
-- migration wagtailusers.0006_userprofile_prefered_language 636c4e036df13cd0
-- migration wagtailusers.0007_userprofile_current_time_zone 435fd383a877469f
-- migration wagtailusers.0008_userprofile_avatar 2ee737254928fc2a
-- migration wagtailusers.0009_userprofile_verbose_name_plural ca8286fe2e29e576
-- migration wagtailusers.0010_userprofile_updated_comments_notifications 97033bd05c0811a3
-- migration wagtailusers.0011_userprofile_dismissibles b6381984386e17fb
-- migration wagtailusers.0012_userprofile_theme fb079398fa7eddf6
-- migration wagtailusers.0013_userprofile_density 934baa45fe42a41a
-- migration wagtailusers.0014_userprofile_contrast 3f44752ffd8d5c2f
-- migration wagtailusers.0015_userprofile_keyboard_shortcuts b861c0bc6f5a7a98
BEGIN TRANSACTION;
CREATE TABLE "acces_affectationrole" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "role" varchar(20) NOT NULL, "portee" varchar(20) NOT NULL, "actif" bool NOT NULL, "cree_le" datetime NOT NULL, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "region_id" varchar(2) NULL REFERENCES "territoires_region" ("code") DEFERRABLE INITIALLY DEFERRED, "siao_id" bigint NULL REFERENCES "territoires_siao" ("id") DEFERRABLE INITIALLY DEFERRED, "utilisateur_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "affectation_role_valide" CHECK ("role" IN ('national', 'regional', 'departemental', 'siao', 'gestionnaire', 'lecteur')), CONSTRAINT "affectation_portee_renseignee" CHECK (((("portee" = 'region' AND "region_id" IS NOT NULL) OR NOT ("portee" = 'region')) AND (("portee" = 'siao' AND "siao_id" IS NOT NULL) OR NOT ("portee" = 'siao')) AND (("entite_id" IS NOT NULL AND "portee" = 'entite') OR NOT ("portee" = 'entite')))));
CREATE TABLE "acces_affectationrole_departements" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "affectationrole_id" bigint NOT NULL REFERENCES "acces_affectationrole" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "appels_appelaprojets" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "reference" varchar(40) NOT NULL, "titre" varchar(255) NOT NULL, "nationale" bool NOT NULL, "places_recherchees" integer unsigned NOT NULL CHECK ("places_recherchees" >= 0), "cout_journalier_cible" decimal NOT NULL, "date_publication" date NOT NULL, "date_limite" datetime NOT NULL, "description" text NOT NULL, "etat" varchar(20) NOT NULL, "publie_le" datetime NULL, "motif" text NOT NULL, "etat_depuis" datetime NOT NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "region_id" varchar(2) NOT NULL REFERENCES "territoires_region" ("code") DEFERRABLE INITIALLY DEFERRED, "type_dispositif_id" varchar(30) NOT NULL REFERENCES "offre_typedispositif" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "appel_etat_valide" CHECK ("etat" IN ('brouillon', 'soumis', 'pre_valide', 'valide', 'publie', 'clos', 'en_instruction', 'selection_arretee', 'termine', 'infructueux', 'annule')), CONSTRAINT "appel_places_positives" CHECK (("places_recherchees" >= 1 AND "places_recherchees" <= 100000)), CONSTRAINT "appel_cout_positif" CHECK (("cout_journalier_cible" >= '0' AND "cout_journalier_cible" <= '1000')));
CREATE TABLE "appels_candidature" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nom_projet" varchar(255) NOT NULL, "places_proposees" integer unsigned NOT NULL CHECK ("places_proposees" >= 0), "communes" varchar(500) NOT NULL, "cout_journalier" decimal NOT NULL, "description" text NOT NULL, "etat" varchar(20) NOT NULL, "deposee_le" datetime NOT NULL, "deposee_pour_compte" bool NOT NULL, "etat_depuis" datetime NOT NULL, "motif_irrecevabilite" text NOT NULL, "commentaire_instruction" text NOT NULL, "score" decimal NULL, "places_retenues" integer unsigned NULL CHECK ("places_retenues" >= 0), "motif_decision" text NOT NULL, "places_ouvertes_avant" integer unsigned NULL CHECK ("places_ouvertes_avant" >= 0), "appel_id" bigint NOT NULL REFERENCES "appels_appelaprojets" ("id") DEFERRABLE INITIALLY DEFERRED, "avenant_id" bigint NULL REFERENCES "conventions_avenant" ("id") DEFERRABLE INITIALLY DEFERRED, "convention_id" bigint NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "deposee_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "dispositif_existant_id" bigint NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NOT NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "candidature_etat_valide" CHECK ("etat" IN ('deposee', 'recevable', 'irrecevable', 'instruite', 'retenue', 'non_retenue', 'conventionnee', 'desistee')), CONSTRAINT "candidature_places_positives" CHECK (("places_proposees" >= 1 AND "places_proposees" <= 100000)), CONSTRAINT "candidature_cout_positif" CHECK (("cout_journalier" >= '0' AND "cout_journalier" <= '1000')), CONSTRAINT "candidature_score_borne" CHECK (("score" IS NULL OR ("score" >= '0' AND "score" <= '20'))), CONSTRAINT "candidature_retenues_inferieures_proposees" CHECK (("places_retenues" IS NULL OR ("places_retenues" >= 1 AND "places_retenues" <= ("places_proposees")))), CONSTRAINT "candidature_retenues_borne" CHECK (("places_retenues" IS NULL OR ("places_retenues" >= 1 AND "places_retenues" <= 100000))), CONSTRAINT "candidature_ouvertes_avant_borne" CHECK (("places_ouvertes_avant" IS NULL OR ("places_ouvertes_avant" >= 0 AND "places_ouvertes_avant" <= 100000))));
CREATE TABLE "appels_critereselection" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "libelle" varchar(255) NOT NULL, "poids" smallint unsigned NOT NULL CHECK ("poids" >= 0), "ordre" smallint unsigned NOT NULL CHECK ("ordre" >= 0), "appel_id" bigint NOT NULL REFERENCES "appels_appelaprojets" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "critere_poids_positif" CHECK (("poids" >= 1 AND "poids" <= 100)), CONSTRAINT "critere_ordre_borne" CHECK (("ordre" >= 0 AND "ordre" <= 10000)));
CREATE TABLE "appels_documentappel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nature" varchar(30) NOT NULL, "ajoute_le" datetime NOT NULL, "ajoute_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "appel_id" bigint NOT NULL REFERENCES "appels_appelaprojets" ("id") DEFERRABLE INITIALLY DEFERRED, "document_id" integer NOT NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "appels_documentcandidature" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nature" varchar(30) NOT NULL, "ajoute_le" datetime NOT NULL, "ajoute_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "candidature_id" bigint NOT NULL REFERENCES "appels_candidature" ("id") DEFERRABLE INITIALLY DEFERRED, "document_id" integer NOT NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "appels_notecritere" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "note" decimal NOT NULL, "candidature_id" bigint NOT NULL REFERENCES "appels_candidature" ("id") DEFERRABLE INITIALLY DEFERRED, "critere_id" bigint NOT NULL REFERENCES "appels_critereselection" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "note_unique" UNIQUE ("candidature_id", "critere_id"), CONSTRAINT "note_entre_0_et_20" CHECK (("note" >= '0' AND "note" <= '20')));
CREATE TABLE "appels_repartitionappel" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "places_recherchees" integer unsigned NOT NULL CHECK ("places_recherchees" >= 0), "appel_id" bigint NOT NULL REFERENCES "appels_appelaprojets" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "repartition_unique" UNIQUE ("appel_id", "departement_id"), CONSTRAINT "repartition_places_borne" CHECK (("places_recherchees" >= 0 AND "places_recherchees" <= 100000)));
CREATE TABLE "auth_group" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(150) NOT NULL UNIQUE);
INSERT INTO "auth_group" VALUES(1,'Moderators');
INSERT INTO "auth_group" VALUES(2,'Editors');
CREATE TABLE "auth_group_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "auth_group_permissions" VALUES(1,2,45);
INSERT INTO "auth_group_permissions" VALUES(2,1,45);
INSERT INTO "auth_group_permissions" VALUES(3,2,168);
INSERT INTO "auth_group_permissions" VALUES(4,2,166);
INSERT INTO "auth_group_permissions" VALUES(5,2,167);
INSERT INTO "auth_group_permissions" VALUES(6,1,168);
INSERT INTO "auth_group_permissions" VALUES(7,1,166);
INSERT INTO "auth_group_permissions" VALUES(8,1,167);
INSERT INTO "auth_group_permissions" VALUES(9,2,169);
INSERT INTO "auth_group_permissions" VALUES(10,1,169);
INSERT INTO "auth_group_permissions" VALUES(11,2,171);
INSERT INTO "auth_group_permissions" VALUES(12,2,172);
INSERT INTO "auth_group_permissions" VALUES(13,2,173);
INSERT INTO "auth_group_permissions" VALUES(14,1,171);
INSERT INTO "auth_group_permissions" VALUES(15,1,172);
INSERT INTO "auth_group_permissions" VALUES(16,1,173);
INSERT INTO "auth_group_permissions" VALUES(17,2,174);
INSERT INTO "auth_group_permissions" VALUES(18,1,174);
CREATE TABLE "auth_permission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "codename" varchar(100) NOT NULL, "name" varchar(255) NOT NULL);
INSERT INTO "auth_permission" VALUES(1,1,'add_logentry','Can add log entry');
INSERT INTO "auth_permission" VALUES(2,1,'change_logentry','Can change log entry');
INSERT INTO "auth_permission" VALUES(3,1,'delete_logentry','Can delete log entry');
INSERT INTO "auth_permission" VALUES(4,1,'view_logentry','Can view log entry');
INSERT INTO "auth_permission" VALUES(5,2,'add_permission','Can add permission');
INSERT INTO "auth_permission" VALUES(6,2,'change_permission','Can change permission');
INSERT INTO "auth_permission" VALUES(7,2,'delete_permission','Can delete permission');
INSERT INTO "auth_permission" VALUES(8,2,'view_permission','Can view permission');
INSERT INTO "auth_permission" VALUES(9,3,'add_group','Can add group');
INSERT INTO "auth_permission" VALUES(10,3,'change_group','Can change group');
INSERT INTO "auth_permission" VALUES(11,3,'delete_group','Can delete group');
INSERT INTO "auth_permission" VALUES(12,3,'view_group','Can view group');
INSERT INTO "auth_permission" VALUES(13,4,'add_user','Can add user');
INSERT INTO "auth_permission" VALUES(14,4,'change_user','Can change user');
INSERT INTO "auth_permission" VALUES(15,4,'delete_user','Can delete user');
INSERT INTO "auth_permission" VALUES(16,4,'view_user','Can view user');
INSERT INTO "auth_permission" VALUES(17,5,'add_contenttype','Can add content type');
INSERT INTO "auth_permission" VALUES(18,5,'change_contenttype','Can change content type');
INSERT INTO "auth_permission" VALUES(19,5,'delete_contenttype','Can delete content type');
INSERT INTO "auth_permission" VALUES(20,5,'view_contenttype','Can view content type');
INSERT INTO "auth_permission" VALUES(21,6,'add_dbtaskresult','Can add Task Result');
INSERT INTO "auth_permission" VALUES(22,6,'change_dbtaskresult','Can change Task Result');
INSERT INTO "auth_permission" VALUES(23,6,'delete_dbtaskresult','Can delete Task Result');
INSERT INTO "auth_permission" VALUES(24,6,'view_dbtaskresult','Can view Task Result');
INSERT INTO "auth_permission" VALUES(25,7,'add_dsfrconfig','Can add Configuration');
INSERT INTO "auth_permission" VALUES(26,7,'change_dsfrconfig','Can change Configuration');
INSERT INTO "auth_permission" VALUES(27,7,'delete_dsfrconfig','Can delete Configuration');
INSERT INTO "auth_permission" VALUES(28,7,'view_dsfrconfig','Can view Configuration');
INSERT INTO "auth_permission" VALUES(29,8,'add_dsfrsocialmedia','Can add Social media');
INSERT INTO "auth_permission" VALUES(30,8,'change_dsfrsocialmedia','Can change Social media');
INSERT INTO "auth_permission" VALUES(31,8,'delete_dsfrsocialmedia','Can delete Social media');
INSERT INTO "auth_permission" VALUES(32,8,'view_dsfrsocialmedia','Can view Social media');
INSERT INTO "auth_permission" VALUES(33,9,'add_session','Can add session');
INSERT INTO "auth_permission" VALUES(34,9,'change_session','Can change session');
INSERT INTO "auth_permission" VALUES(35,9,'delete_session','Can delete session');
INSERT INTO "auth_permission" VALUES(36,9,'view_session','Can view session');
INSERT INTO "auth_permission" VALUES(37,10,'add_tag','Can add tag');
INSERT INTO "auth_permission" VALUES(38,10,'change_tag','Can change tag');
INSERT INTO "auth_permission" VALUES(39,10,'delete_tag','Can delete tag');
INSERT INTO "auth_permission" VALUES(40,10,'view_tag','Can view tag');
INSERT INTO "auth_permission" VALUES(41,11,'add_taggeditem','Can add tagged item');
INSERT INTO "auth_permission" VALUES(42,11,'change_taggeditem','Can change tagged item');
INSERT INTO "auth_permission" VALUES(43,11,'delete_taggeditem','Can delete tagged item');
INSERT INTO "auth_permission" VALUES(44,11,'view_taggeditem','Can view tagged item');
INSERT INTO "auth_permission" VALUES(45,13,'access_admin','Can access Wagtail admin');
INSERT INTO "auth_permission" VALUES(46,14,'add_editingsession','Can add editing session');
INSERT INTO "auth_permission" VALUES(47,14,'change_editingsession','Can change editing session');
INSERT INTO "auth_permission" VALUES(48,14,'delete_editingsession','Can delete editing session');
INSERT INTO "auth_permission" VALUES(49,14,'view_editingsession','Can view editing session');
INSERT INTO "auth_permission" VALUES(50,15,'add_formstate','Can add form state');
INSERT INTO "auth_permission" VALUES(51,15,'change_formstate','Can change form state');
INSERT INTO "auth_permission" VALUES(52,15,'delete_formstate','Can delete form state');
INSERT INTO "auth_permission" VALUES(53,15,'view_formstate','Can view form state');
INSERT INTO "auth_permission" VALUES(54,12,'add_page','Can add page');
INSERT INTO "auth_permission" VALUES(55,12,'change_page','Can change page');
INSERT INTO "auth_permission" VALUES(56,12,'delete_page','Can delete page');
INSERT INTO "auth_permission" VALUES(57,12,'view_page','Can view page');
INSERT INTO "auth_permission" VALUES(58,16,'add_grouppagepermission','Can add group page permission');
INSERT INTO "auth_permission" VALUES(59,16,'change_grouppagepermission','Can change group page permission');
INSERT INTO "auth_permission" VALUES(60,16,'delete_grouppagepermission','Can delete group page permission');
INSERT INTO "auth_permission" VALUES(61,16,'view_grouppagepermission','Can view group page permission');
INSERT INTO "auth_permission" VALUES(62,17,'add_pagerevision','Can add page revision');
INSERT INTO "auth_permission" VALUES(63,17,'change_pagerevision','Can change page revision');
INSERT INTO "auth_permission" VALUES(64,17,'delete_pagerevision','Can delete page revision');
INSERT INTO "auth_permission" VALUES(65,17,'view_pagerevision','Can view page revision');
INSERT INTO "auth_permission" VALUES(66,18,'add_pageviewrestriction','Can add page view restriction');
INSERT INTO "auth_permission" VALUES(67,18,'change_pageviewrestriction','Can change page view restriction');
INSERT INTO "auth_permission" VALUES(68,18,'delete_pageviewrestriction','Can delete page view restriction');
INSERT INTO "auth_permission" VALUES(69,18,'view_pageviewrestriction','Can view page view restriction');
INSERT INTO "auth_permission" VALUES(70,19,'add_site','Can add site');
INSERT INTO "auth_permission" VALUES(71,19,'change_site','Can change site');
INSERT INTO "auth_permission" VALUES(72,19,'delete_site','Can delete site');
INSERT INTO "auth_permission" VALUES(73,19,'view_site','Can view site');
INSERT INTO "auth_permission" VALUES(74,20,'add_collection','Can add collection');
INSERT INTO "auth_permission" VALUES(75,20,'change_collection','Can change collection');
INSERT INTO "auth_permission" VALUES(76,20,'delete_collection','Can delete collection');
INSERT INTO "auth_permission" VALUES(77,20,'view_collection','Can view collection');
INSERT INTO "auth_permission" VALUES(78,21,'add_groupcollectionpermission','Can add group collection permission');
INSERT INTO "auth_permission" VALUES(79,21,'change_groupcollectionpermission','Can change group collection permission');
INSERT INTO "auth_permission" VALUES(80,21,'delete_groupcollectionpermission','Can delete group collection permission');
INSERT INTO "auth_permission" VALUES(81,21,'view_groupcollectionpermission','Can view group collection permission');
INSERT INTO "auth_permission" VALUES(82,23,'add_locale','Can add locale');
INSERT INTO "auth_permission" VALUES(83,23,'change_locale','Can change locale');
INSERT INTO "auth_permission" VALUES(84,23,'delete_locale','Can delete locale');
INSERT INTO "auth_permission" VALUES(85,23,'view_locale','Can view locale');
INSERT INTO "auth_permission" VALUES(86,24,'add_groupsitepermission','Can add group site permission');
INSERT INTO "auth_permission" VALUES(87,24,'change_groupsitepermission','Can change group site permission');
INSERT INTO "auth_permission" VALUES(88,24,'delete_groupsitepermission','Can delete group site permission');
INSERT INTO "auth_permission" VALUES(89,24,'view_groupsitepermission','Can view group site permission');
INSERT INTO "auth_permission" VALUES(90,25,'add_apitoken','Can add API token');
INSERT INTO "auth_permission" VALUES(91,25,'change_apitoken','Can change API token');
INSERT INTO "auth_permission" VALUES(92,25,'delete_apitoken','Can delete API token');
INSERT INTO "auth_permission" VALUES(93,25,'view_apitoken','Can view API token');
INSERT INTO "auth_permission" VALUES(94,26,'add_modellogentry','Can add model log entry');
INSERT INTO "auth_permission" VALUES(95,26,'change_modellogentry','Can change model log entry');
INSERT INTO "auth_permission" VALUES(96,26,'delete_modellogentry','Can delete model log entry');
INSERT INTO "auth_permission" VALUES(97,26,'view_modellogentry','Can view model log entry');
INSERT INTO "auth_permission" VALUES(98,17,'add_revision','Can add revision');
INSERT INTO "auth_permission" VALUES(99,17,'change_revision','Can change revision');
INSERT INTO "auth_permission" VALUES(100,17,'delete_revision','Can delete revision');
INSERT INTO "auth_permission" VALUES(101,17,'view_revision','Can view revision');
INSERT INTO "auth_permission" VALUES(102,27,'add_collectionviewrestriction','Can add collection view restriction');
INSERT INTO "auth_permission" VALUES(103,27,'change_collectionviewrestriction','Can change collection view restriction');
INSERT INTO "auth_permission" VALUES(104,27,'delete_collectionviewrestriction','Can delete collection view restriction');
INSERT INTO "auth_permission" VALUES(105,27,'view_collectionviewrestriction','Can view collection view restriction');
INSERT INTO "auth_permission" VALUES(106,28,'add_uploadedfile','Can add uploaded file');
INSERT INTO "auth_permission" VALUES(107,28,'change_uploadedfile','Can change uploaded file');
INSERT INTO "auth_permission" VALUES(108,28,'delete_uploadedfile','Can delete uploaded file');
INSERT INTO "auth_permission" VALUES(109,28,'view_uploadedfile','Can view uploaded file');
INSERT INTO "auth_permission" VALUES(110,29,'add_workflowcontenttype','Can add workflow content type');
INSERT INTO "auth_permission" VALUES(111,29,'change_workflowcontenttype','Can change workflow content type');
INSERT INTO "auth_permission" VALUES(112,29,'delete_workflowcontenttype','Can delete workflow content type');
INSERT INTO "auth_permission" VALUES(113,29,'view_workflowcontenttype','Can view workflow content type');
INSERT INTO "auth_permission" VALUES(114,30,'add_workflowstate','Can add Workflow state');
INSERT INTO "auth_permission" VALUES(115,30,'change_workflowstate','Can change Workflow state');
INSERT INTO "auth_permission" VALUES(116,30,'delete_workflowstate','Can delete Workflow state');
INSERT INTO "auth_permission" VALUES(117,30,'view_workflowstate','Can view Workflow state');
INSERT INTO "auth_permission" VALUES(118,31,'add_workflow','Can add workflow');
INSERT INTO "auth_permission" VALUES(119,31,'change_workflow','Can change workflow');
INSERT INTO "auth_permission" VALUES(120,31,'delete_workflow','Can delete workflow');
INSERT INTO "auth_permission" VALUES(121,31,'view_workflow','Can view workflow');
INSERT INTO "auth_permission" VALUES(122,32,'add_workflowtask','Can add workflow task order');
INSERT INTO "auth_permission" VALUES(123,32,'change_workflowtask','Can change workflow task order');
INSERT INTO "auth_permission" VALUES(124,32,'delete_workflowtask','Can delete workflow task order');
INSERT INTO "auth_permission" VALUES(125,32,'view_workflowtask','Can view workflow task order');
INSERT INTO "auth_permission" VALUES(126,33,'add_task','Can add task');
INSERT INTO "auth_permission" VALUES(127,33,'change_task','Can change task');
INSERT INTO "auth_permission" VALUES(128,33,'delete_task','Can delete task');
INSERT INTO "auth_permission" VALUES(129,33,'view_task','Can view task');
INSERT INTO "auth_permission" VALUES(130,22,'add_groupapprovaltask','Can add Group approval task');
INSERT INTO "auth_permission" VALUES(131,22,'change_groupapprovaltask','Can change Group approval task');
INSERT INTO "auth_permission" VALUES(132,22,'delete_groupapprovaltask','Can delete Group approval task');
INSERT INTO "auth_permission" VALUES(133,22,'view_groupapprovaltask','Can view Group approval task');
INSERT INTO "auth_permission" VALUES(134,34,'add_taskstate','Can add Task state');
INSERT INTO "auth_permission" VALUES(135,34,'change_taskstate','Can change Task state');
INSERT INTO "auth_permission" VALUES(136,34,'delete_taskstate','Can delete Task state');
INSERT INTO "auth_permission" VALUES(137,34,'view_taskstate','Can view Task state');
INSERT INTO "auth_permission" VALUES(138,12,'bulk_delete_page','Delete pages with children');
INSERT INTO "auth_permission" VALUES(139,12,'lock_page','Lock/unlock pages you''ve locked');
INSERT INTO "auth_permission" VALUES(140,12,'publish_page','Publish any page');
INSERT INTO "auth_permission" VALUES(141,12,'unlock_page','Unlock any page');
INSERT INTO "auth_permission" VALUES(142,35,'add_workflowpage','Can add workflow page');
INSERT INTO "auth_permission" VALUES(143,35,'change_workflowpage','Can change workflow page');
INSERT INTO "auth_permission" VALUES(144,35,'delete_workflowpage','Can delete workflow page');
INSERT INTO "auth_permission" VALUES(145,35,'view_workflowpage','Can view workflow page');
INSERT INTO "auth_permission" VALUES(146,36,'add_pagelogentry','Can add page log entry');
INSERT INTO "auth_permission" VALUES(147,36,'change_pagelogentry','Can change page log entry');
INSERT INTO "auth_permission" VALUES(148,36,'delete_pagelogentry','Can delete page log entry');
INSERT INTO "auth_permission" VALUES(149,36,'view_pagelogentry','Can view page log entry');
INSERT INTO "auth_permission" VALUES(150,37,'add_comment','Can add comment');
INSERT INTO "auth_permission" VALUES(151,37,'change_comment','Can change comment');
INSERT INTO "auth_permission" VALUES(152,37,'delete_comment','Can delete comment');
INSERT INTO "auth_permission" VALUES(153,37,'view_comment','Can view comment');
INSERT INTO "auth_permission" VALUES(154,38,'add_commentreply','Can add comment reply');
INSERT INTO "auth_permission" VALUES(155,38,'change_commentreply','Can change comment reply');
INSERT INTO "auth_permission" VALUES(156,38,'delete_commentreply','Can delete comment reply');
INSERT INTO "auth_permission" VALUES(157,38,'view_commentreply','Can view comment reply');
INSERT INTO "auth_permission" VALUES(158,39,'add_pagesubscription','Can add page subscription');
INSERT INTO "auth_permission" VALUES(159,39,'change_pagesubscription','Can change page subscription');
INSERT INTO "auth_permission" VALUES(160,39,'delete_pagesubscription','Can delete page subscription');
INSERT INTO "auth_permission" VALUES(161,39,'view_pagesubscription','Can view page subscription');
INSERT INTO "auth_permission" VALUES(162,40,'add_referenceindex','Can add reference index');
INSERT INTO "auth_permission" VALUES(163,40,'change_referenceindex','Can change reference index');
INSERT INTO "auth_permission" VALUES(164,40,'delete_referenceindex','Can delete reference index');
INSERT INTO "auth_permission" VALUES(165,40,'view_referenceindex','Can view reference index');
INSERT INTO "auth_permission" VALUES(166,41,'add_document','Can add document');
INSERT INTO "auth_permission" VALUES(167,41,'change_document','Can change document');
INSERT INTO "auth_permission" VALUES(168,41,'delete_document','Can delete document');
INSERT INTO "auth_permission" VALUES(169,41,'choose_document','Can choose document');
INSERT INTO "auth_permission" VALUES(170,41,'view_document','Can view document');
INSERT INTO "auth_permission" VALUES(171,42,'add_image','Can add image');
INSERT INTO "auth_permission" VALUES(172,42,'change_image','Can change image');
INSERT INTO "auth_permission" VALUES(173,42,'delete_image','Can delete image');
INSERT INTO "auth_permission" VALUES(174,42,'choose_image','Can choose image');
INSERT INTO "auth_permission" VALUES(175,42,'view_image','Can view image');
INSERT INTO "auth_permission" VALUES(176,43,'add_rendition','Can add rendition');
INSERT INTO "auth_permission" VALUES(177,43,'change_rendition','Can change rendition');
INSERT INTO "auth_permission" VALUES(178,43,'delete_rendition','Can delete rendition');
INSERT INTO "auth_permission" VALUES(179,43,'view_rendition','Can view rendition');
INSERT INTO "auth_permission" VALUES(180,44,'add_userprofile','Can add user profile');
INSERT INTO "auth_permission" VALUES(181,44,'change_userprofile','Can change user profile');
INSERT INTO "auth_permission" VALUES(182,44,'delete_userprofile','Can delete user profile');
INSERT INTO "auth_permission" VALUES(183,44,'view_userprofile','Can view user profile');
INSERT INTO "auth_permission" VALUES(184,45,'add_exportdiffere','Can add export en arrière-plan');
INSERT INTO "auth_permission" VALUES(185,45,'change_exportdiffere','Can change export en arrière-plan');
INSERT INTO "auth_permission" VALUES(186,45,'delete_exportdiffere','Can delete export en arrière-plan');
INSERT INTO "auth_permission" VALUES(187,45,'view_exportdiffere','Can view export en arrière-plan');
INSERT INTO "auth_permission" VALUES(188,46,'add_region','Can add région');
INSERT INTO "auth_permission" VALUES(189,46,'change_region','Can change région');
INSERT INTO "auth_permission" VALUES(190,46,'delete_region','Can delete région');
INSERT INTO "auth_permission" VALUES(191,46,'view_region','Can view région');
INSERT INTO "auth_permission" VALUES(192,47,'add_departement','Can add département');
INSERT INTO "auth_permission" VALUES(193,47,'change_departement','Can change département');
INSERT INTO "auth_permission" VALUES(194,47,'delete_departement','Can delete département');
INSERT INTO "auth_permission" VALUES(195,47,'view_departement','Can view département');
INSERT INTO "auth_permission" VALUES(196,48,'add_siao','Can add SIAO');
INSERT INTO "auth_permission" VALUES(197,48,'change_siao','Can change SIAO');
INSERT INTO "auth_permission" VALUES(198,48,'delete_siao','Can delete SIAO');
INSERT INTO "auth_permission" VALUES(199,48,'view_siao','Can view SIAO');
INSERT INTO "auth_permission" VALUES(200,49,'add_compteurcode','Can add compteur de codes');
INSERT INTO "auth_permission" VALUES(201,49,'change_compteurcode','Can change compteur de codes');
INSERT INTO "auth_permission" VALUES(202,49,'delete_compteurcode','Can delete compteur de codes');
INSERT INTO "auth_permission" VALUES(203,49,'view_compteurcode','Can view compteur de codes');
INSERT INTO "auth_permission" VALUES(204,50,'add_nature','Can add nature de dispositif');
INSERT INTO "auth_permission" VALUES(205,50,'change_nature','Can change nature de dispositif');
INSERT INTO "auth_permission" VALUES(206,50,'delete_nature','Can delete nature de dispositif');
INSERT INTO "auth_permission" VALUES(207,50,'view_nature','Can view nature de dispositif');
INSERT INTO "auth_permission" VALUES(208,51,'add_programme','Can add programme budgétaire');
INSERT INTO "auth_permission" VALUES(209,51,'change_programme','Can change programme budgétaire');
INSERT INTO "auth_permission" VALUES(210,51,'delete_programme','Can delete programme budgétaire');
INSERT INTO "auth_permission" VALUES(211,51,'view_programme','Can view programme budgétaire');
INSERT INTO "auth_permission" VALUES(212,52,'add_publicspecifique','Can add public spécifique');
INSERT INTO "auth_permission" VALUES(213,52,'change_publicspecifique','Can change public spécifique');
INSERT INTO "auth_permission" VALUES(214,52,'delete_publicspecifique','Can delete public spécifique');
INSERT INTO "auth_permission" VALUES(215,52,'view_publicspecifique','Can view public spécifique');
INSERT INTO "auth_permission" VALUES(216,53,'add_entitegestionnaire','Can add entité gestionnaire');
INSERT INTO "auth_permission" VALUES(217,53,'change_entitegestionnaire','Can change entité gestionnaire');
INSERT INTO "auth_permission" VALUES(218,53,'delete_entitegestionnaire','Can delete entité gestionnaire');
INSERT INTO "auth_permission" VALUES(219,53,'view_entitegestionnaire','Can view entité gestionnaire');
INSERT INTO "auth_permission" VALUES(220,54,'add_dispositif','Can add dispositif');
INSERT INTO "auth_permission" VALUES(221,54,'change_dispositif','Can change dispositif');
INSERT INTO "auth_permission" VALUES(222,54,'delete_dispositif','Can delete dispositif');
INSERT INTO "auth_permission" VALUES(223,54,'view_dispositif','Can view dispositif');
INSERT INTO "auth_permission" VALUES(224,55,'add_contactreferent','Can add contact référent');
INSERT INTO "auth_permission" VALUES(225,55,'change_contactreferent','Can change contact référent');
INSERT INTO "auth_permission" VALUES(226,55,'delete_contactreferent','Can delete contact référent');
INSERT INTO "auth_permission" VALUES(227,55,'view_contactreferent','Can view contact référent');
INSERT INTO "auth_permission" VALUES(228,56,'add_groupedeplaces','Can add groupe de places');
INSERT INTO "auth_permission" VALUES(229,56,'change_groupedeplaces','Can change groupe de places');
INSERT INTO "auth_permission" VALUES(230,56,'delete_groupedeplaces','Can delete groupe de places');
INSERT INTO "auth_permission" VALUES(231,56,'view_groupedeplaces','Can view groupe de places');
INSERT INTO "auth_permission" VALUES(232,57,'add_historicalentitegestionnaire','Can add historical entité gestionnaire');
INSERT INTO "auth_permission" VALUES(233,57,'change_historicalentitegestionnaire','Can change historical entité gestionnaire');
INSERT INTO "auth_permission" VALUES(234,57,'delete_historicalentitegestionnaire','Can delete historical entité gestionnaire');
INSERT INTO "auth_permission" VALUES(235,57,'view_historicalentitegestionnaire','Can view historical entité gestionnaire');
INSERT INTO "auth_permission" VALUES(236,58,'add_historicalgroupedeplaces','Can add historical groupe de places');
INSERT INTO "auth_permission" VALUES(237,58,'change_historicalgroupedeplaces','Can change historical groupe de places');
INSERT INTO "auth_permission" VALUES(238,58,'delete_historicalgroupedeplaces','Can delete historical groupe de places');
INSERT INTO "auth_permission" VALUES(239,58,'view_historicalgroupedeplaces','Can view historical groupe de places');
INSERT INTO "auth_permission" VALUES(240,59,'add_historicalfinancement','Can add historical financement');
INSERT INTO "auth_permission" VALUES(241,59,'change_historicalfinancement','Can change historical financement');
INSERT INTO "auth_permission" VALUES(242,59,'delete_historicalfinancement','Can delete historical financement');
INSERT INTO "auth_permission" VALUES(243,59,'view_historicalfinancement','Can view historical financement');
INSERT INTO "auth_permission" VALUES(244,60,'add_financement','Can add financement');
INSERT INTO "auth_permission" VALUES(245,60,'change_financement','Can change financement');
INSERT INTO "auth_permission" VALUES(246,60,'delete_financement','Can delete financement');
INSERT INTO "auth_permission" VALUES(247,60,'view_financement','Can view financement');
INSERT INTO "auth_permission" VALUES(248,61,'add_typedispositif','Can add type de dispositif');
INSERT INTO "auth_permission" VALUES(249,61,'change_typedispositif','Can change type de dispositif');
INSERT INTO "auth_permission" VALUES(250,61,'delete_typedispositif','Can delete type de dispositif');
INSERT INTO "auth_permission" VALUES(251,61,'view_typedispositif','Can view type de dispositif');
INSERT INTO "auth_permission" VALUES(252,62,'add_historicaldispositif','Can add historical dispositif');
INSERT INTO "auth_permission" VALUES(253,62,'change_historicaldispositif','Can change historical dispositif');
INSERT INTO "auth_permission" VALUES(254,62,'delete_historicaldispositif','Can delete historical dispositif');
INSERT INTO "auth_permission" VALUES(255,62,'view_historicaldispositif','Can view historical dispositif');
INSERT INTO "auth_permission" VALUES(256,63,'add_affectationrole','Can add affectation de rôle');
INSERT INTO "auth_permission" VALUES(257,63,'change_affectationrole','Can change affectation de rôle');
INSERT INTO "auth_permission" VALUES(258,63,'delete_affectationrole','Can delete affectation de rôle');
INSERT INTO "auth_permission" VALUES(259,63,'view_affectationrole','Can view affectation de rôle');
INSERT INTO "auth_permission" VALUES(260,64,'add_demande','Can add demande');
INSERT INTO "auth_permission" VALUES(261,64,'change_demande','Can change demande');
INSERT INTO "auth_permission" VALUES(262,64,'delete_demande','Can delete demande');
INSERT INTO "auth_permission" VALUES(263,64,'view_demande','Can view demande');
INSERT INTO "auth_permission" VALUES(264,65,'add_piecejointe','Can add pièce jointe');
INSERT INTO "auth_permission" VALUES(265,65,'change_piecejointe','Can change pièce jointe');
INSERT INTO "auth_permission" VALUES(266,65,'delete_piecejointe','Can delete pièce jointe');
INSERT INTO "auth_permission" VALUES(267,65,'view_piecejointe','Can view pièce jointe');
INSERT INTO "auth_permission" VALUES(268,66,'add_compteur','Can add compteur de numéros');
INSERT INTO "auth_permission" VALUES(269,66,'change_compteur','Can change compteur de numéros');
INSERT INTO "auth_permission" VALUES(270,66,'delete_compteur','Can delete compteur de numéros');
INSERT INTO "auth_permission" VALUES(271,66,'view_compteur','Can view compteur de numéros');
INSERT INTO "auth_permission" VALUES(272,67,'add_convention','Can add convention');
INSERT INTO "auth_permission" VALUES(273,67,'change_convention','Can change convention');
INSERT INTO "auth_permission" VALUES(274,67,'delete_convention','Can delete convention');
INSERT INTO "auth_permission" VALUES(275,67,'view_convention','Can view convention');
INSERT INTO "auth_permission" VALUES(276,68,'add_avenant','Can add avenant');
INSERT INTO "auth_permission" VALUES(277,68,'change_avenant','Can change avenant');
INSERT INTO "auth_permission" VALUES(278,68,'delete_avenant','Can delete avenant');
INSERT INTO "auth_permission" VALUES(279,68,'view_avenant','Can view avenant');
INSERT INTO "auth_permission" VALUES(280,69,'add_documentconvention','Can add document de convention');
INSERT INTO "auth_permission" VALUES(281,69,'change_documentconvention','Can change document de convention');
INSERT INTO "auth_permission" VALUES(282,69,'delete_documentconvention','Can delete document de convention');
INSERT INTO "auth_permission" VALUES(283,69,'view_documentconvention','Can view document de convention');
INSERT INTO "auth_permission" VALUES(284,70,'add_historicalconvention','Can add historical convention');
INSERT INTO "auth_permission" VALUES(285,70,'change_historicalconvention','Can change historical convention');
INSERT INTO "auth_permission" VALUES(286,70,'delete_historicalconvention','Can delete historical convention');
INSERT INTO "auth_permission" VALUES(287,70,'view_historicalconvention','Can view historical convention');
INSERT INTO "auth_permission" VALUES(288,71,'add_historicalligneconvention','Can add historical dispositif couvert');
INSERT INTO "auth_permission" VALUES(289,71,'change_historicalligneconvention','Can change historical dispositif couvert');
INSERT INTO "auth_permission" VALUES(290,71,'delete_historicalligneconvention','Can delete historical dispositif couvert');
INSERT INTO "auth_permission" VALUES(291,71,'view_historicalligneconvention','Can view historical dispositif couvert');
INSERT INTO "auth_permission" VALUES(292,72,'add_historicalmontantconvention','Can add historical montant annuel');
INSERT INTO "auth_permission" VALUES(293,72,'change_historicalmontantconvention','Can change historical montant annuel');
INSERT INTO "auth_permission" VALUES(294,72,'delete_historicalmontantconvention','Can delete historical montant annuel');
INSERT INTO "auth_permission" VALUES(295,72,'view_historicalmontantconvention','Can view historical montant annuel');
INSERT INTO "auth_permission" VALUES(296,73,'add_ligneavenant','Can add places modifiées');
INSERT INTO "auth_permission" VALUES(297,73,'change_ligneavenant','Can change places modifiées');
INSERT INTO "auth_permission" VALUES(298,73,'delete_ligneavenant','Can delete places modifiées');
INSERT INTO "auth_permission" VALUES(299,73,'view_ligneavenant','Can view places modifiées');
INSERT INTO "auth_permission" VALUES(300,74,'add_ligneconvention','Can add dispositif couvert');
INSERT INTO "auth_permission" VALUES(301,74,'change_ligneconvention','Can change dispositif couvert');
INSERT INTO "auth_permission" VALUES(302,74,'delete_ligneconvention','Can delete dispositif couvert');
INSERT INTO "auth_permission" VALUES(303,74,'view_ligneconvention','Can view dispositif couvert');
INSERT INTO "auth_permission" VALUES(304,75,'add_montantavenant','Can add montant modifié');
INSERT INTO "auth_permission" VALUES(305,75,'change_montantavenant','Can change montant modifié');
INSERT INTO "auth_permission" VALUES(306,75,'delete_montantavenant','Can delete montant modifié');
INSERT INTO "auth_permission" VALUES(307,75,'view_montantavenant','Can view montant modifié');
INSERT INTO "auth_permission" VALUES(308,76,'add_montantconvention','Can add montant annuel');
INSERT INTO "auth_permission" VALUES(309,76,'change_montantconvention','Can change montant annuel');
INSERT INTO "auth_permission" VALUES(310,76,'delete_montantconvention','Can delete montant annuel');
INSERT INTO "auth_permission" VALUES(311,76,'view_montantconvention','Can view montant annuel');
INSERT INTO "auth_permission" VALUES(312,77,'add_appelaprojets','Can add appel à projets');
INSERT INTO "auth_permission" VALUES(313,77,'change_appelaprojets','Can change appel à projets');
INSERT INTO "auth_permission" VALUES(314,77,'delete_appelaprojets','Can delete appel à projets');
INSERT INTO "auth_permission" VALUES(315,77,'view_appelaprojets','Can view appel à projets');
INSERT INTO "auth_permission" VALUES(316,78,'add_candidature','Can add candidature');
INSERT INTO "auth_permission" VALUES(317,78,'change_candidature','Can change candidature');
INSERT INTO "auth_permission" VALUES(318,78,'delete_candidature','Can delete candidature');
INSERT INTO "auth_permission" VALUES(319,78,'view_candidature','Can view candidature');
INSERT INTO "auth_permission" VALUES(320,79,'add_critereselection','Can add critère de sélection');
INSERT INTO "auth_permission" VALUES(321,79,'change_critereselection','Can change critère de sélection');
INSERT INTO "auth_permission" VALUES(322,79,'delete_critereselection','Can delete critère de sélection');
INSERT INTO "auth_permission" VALUES(323,79,'view_critereselection','Can view critère de sélection');
INSERT INTO "auth_permission" VALUES(324,80,'add_documentappel','Can add document d''appel à projets');
INSERT INTO "auth_permission" VALUES(325,80,'change_documentappel','Can change document d''appel à projets');
INSERT INTO "auth_permission" VALUES(326,80,'delete_documentappel','Can delete document d''appel à projets');
INSERT INTO "auth_permission" VALUES(327,80,'view_documentappel','Can view document d''appel à projets');
INSERT INTO "auth_permission" VALUES(328,81,'add_documentcandidature','Can add document de candidature');
INSERT INTO "auth_permission" VALUES(329,81,'change_documentcandidature','Can change document de candidature');
INSERT INTO "auth_permission" VALUES(330,81,'delete_documentcandidature','Can delete document de candidature');
INSERT INTO "auth_permission" VALUES(331,81,'view_documentcandidature','Can view document de candidature');
INSERT INTO "auth_permission" VALUES(332,82,'add_notecritere','Can add note');
INSERT INTO "auth_permission" VALUES(333,82,'change_notecritere','Can change note');
INSERT INTO "auth_permission" VALUES(334,82,'delete_notecritere','Can delete note');
INSERT INTO "auth_permission" VALUES(335,82,'view_notecritere','Can view note');
INSERT INTO "auth_permission" VALUES(336,83,'add_repartitionappel','Can add répartition par département');
INSERT INTO "auth_permission" VALUES(337,83,'change_repartitionappel','Can change répartition par département');
INSERT INTO "auth_permission" VALUES(338,83,'delete_repartitionappel','Can delete répartition par département');
INSERT INTO "auth_permission" VALUES(339,83,'view_repartitionappel','Can view répartition par département');
INSERT INTO "auth_permission" VALUES(340,84,'add_anomalie','Can add anomalie');
INSERT INTO "auth_permission" VALUES(341,84,'change_anomalie','Can change anomalie');
INSERT INTO "auth_permission" VALUES(342,84,'delete_anomalie','Can delete anomalie');
INSERT INTO "auth_permission" VALUES(343,84,'view_anomalie','Can view anomalie');
INSERT INTO "auth_permission" VALUES(344,85,'add_occupation','Can add occupation mensuelle');
INSERT INTO "auth_permission" VALUES(345,85,'change_occupation','Can change occupation mensuelle');
INSERT INTO "auth_permission" VALUES(346,85,'delete_occupation','Can delete occupation mensuelle');
INSERT INTO "auth_permission" VALUES(347,85,'view_occupation','Can view occupation mensuelle');
INSERT INTO "auth_permission" VALUES(348,86,'add_controle','Can add contrôle');
INSERT INTO "auth_permission" VALUES(349,86,'change_controle','Can change contrôle');
INSERT INTO "auth_permission" VALUES(350,86,'delete_controle','Can delete contrôle');
INSERT INTO "auth_permission" VALUES(351,86,'view_controle','Can view contrôle');
INSERT INTO "auth_permission" VALUES(352,87,'add_mesure','Can add mesure');
INSERT INTO "auth_permission" VALUES(353,87,'change_mesure','Can change mesure');
INSERT INTO "auth_permission" VALUES(354,87,'delete_mesure','Can delete mesure');
INSERT INTO "auth_permission" VALUES(355,87,'view_mesure','Can view mesure');
INSERT INTO "auth_permission" VALUES(356,88,'add_documentcontrole','Can add document de contrôle');
INSERT INTO "auth_permission" VALUES(357,88,'change_documentcontrole','Can change document de contrôle');
INSERT INTO "auth_permission" VALUES(358,88,'delete_documentcontrole','Can delete document de contrôle');
INSERT INTO "auth_permission" VALUES(359,88,'view_documentcontrole','Can view document de contrôle');
INSERT INTO "auth_permission" VALUES(360,89,'add_programmecontrole','Can add programme de contrôle');
INSERT INTO "auth_permission" VALUES(361,89,'change_programmecontrole','Can change programme de contrôle');
INSERT INTO "auth_permission" VALUES(362,89,'delete_programmecontrole','Can delete programme de contrôle');
INSERT INTO "auth_permission" VALUES(363,89,'view_programmecontrole','Can view programme de contrôle');
INSERT INTO "auth_permission" VALUES(364,90,'add_constat','Can add constat');
INSERT INTO "auth_permission" VALUES(365,90,'change_constat','Can change constat');
INSERT INTO "auth_permission" VALUES(366,90,'delete_constat','Can delete constat');
INSERT INTO "auth_permission" VALUES(367,90,'view_constat','Can view constat');
INSERT INTO "auth_permission" VALUES(368,91,'add_signalement','Can add signalement');
INSERT INTO "auth_permission" VALUES(369,91,'change_signalement','Can change signalement');
INSERT INTO "auth_permission" VALUES(370,91,'delete_signalement','Can delete signalement');
INSERT INTO "auth_permission" VALUES(371,91,'view_signalement','Can view signalement');
INSERT INTO "auth_permission" VALUES(372,92,'add_evaluation','Can add évaluation ESSMS');
INSERT INTO "auth_permission" VALUES(373,92,'change_evaluation','Can change évaluation ESSMS');
INSERT INTO "auth_permission" VALUES(374,92,'delete_evaluation','Can delete évaluation ESSMS');
INSERT INTO "auth_permission" VALUES(375,92,'view_evaluation','Can view évaluation ESSMS');
INSERT INTO "auth_permission" VALUES(376,93,'add_schemaregional','Can add schéma régional');
INSERT INTO "auth_permission" VALUES(377,93,'change_schemaregional','Can change schéma régional');
INSERT INTO "auth_permission" VALUES(378,93,'delete_schemaregional','Can delete schéma régional');
INSERT INTO "auth_permission" VALUES(379,93,'view_schemaregional','Can view schéma régional');
INSERT INTO "auth_permission" VALUES(380,94,'add_objectif','Can add objectif');
INSERT INTO "auth_permission" VALUES(381,94,'change_objectif','Can change objectif');
INSERT INTO "auth_permission" VALUES(382,94,'delete_objectif','Can delete objectif');
INSERT INTO "auth_permission" VALUES(383,94,'view_objectif','Can view objectif');
INSERT INTO "auth_permission" VALUES(384,95,'add_campagneevaluation','Can add campagne d''évaluation');
INSERT INTO "auth_permission" VALUES(385,95,'change_campagneevaluation','Can change campagne d''évaluation');
INSERT INTO "auth_permission" VALUES(386,95,'delete_campagneevaluation','Can delete campagne d''évaluation');
INSERT INTO "auth_permission" VALUES(387,95,'view_campagneevaluation','Can view campagne d''évaluation');
INSERT INTO "auth_permission" VALUES(388,96,'add_thematique','Can add thématique');
INSERT INTO "auth_permission" VALUES(389,96,'change_thematique','Can change thématique');
INSERT INTO "auth_permission" VALUES(390,96,'delete_thematique','Can delete thématique');
INSERT INTO "auth_permission" VALUES(391,96,'view_thematique','Can view thématique');
INSERT INTO "auth_permission" VALUES(392,97,'add_actionschema','Can add action du schéma');
INSERT INTO "auth_permission" VALUES(393,97,'change_actionschema','Can change action du schéma');
INSERT INTO "auth_permission" VALUES(394,97,'delete_actionschema','Can delete action du schéma');
INSERT INTO "auth_permission" VALUES(395,97,'view_actionschema','Can view action du schéma');
INSERT INTO "auth_permission" VALUES(396,98,'add_evaluationaction','Can add évaluation d''une action');
INSERT INTO "auth_permission" VALUES(397,98,'change_evaluationaction','Can change évaluation d''une action');
INSERT INTO "auth_permission" VALUES(398,98,'delete_evaluationaction','Can delete évaluation d''une action');
INSERT INTO "auth_permission" VALUES(399,98,'view_evaluationaction','Can view évaluation d''une action');
INSERT INTO "auth_permission" VALUES(400,99,'add_importtemps1','Can add import de fichier');
INSERT INTO "auth_permission" VALUES(401,99,'change_importtemps1','Can change import de fichier');
INSERT INTO "auth_permission" VALUES(402,99,'delete_importtemps1','Can delete import de fichier');
INSERT INTO "auth_permission" VALUES(403,99,'view_importtemps1','Can view import de fichier');
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL, "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL, "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL, "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
CREATE TABLE "auth_user_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "auth_user_user_permissions" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "controle_constat" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "theme" varchar(20) NOT NULL, "texte" text NOT NULL, "gravite" varchar(20) NOT NULL, "controle_id" bigint NOT NULL REFERENCES "controle_controle" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "constat_theme_valide" CHECK ("theme" IN ('financier', 'accompagnement', 'securite', 'convention')), CONSTRAINT "constat_gravite_valide" CHECK ("gravite" IN ('observation', 'mineure', 'majeure', 'critique')));
CREATE TABLE "controle_controle" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "recherche" text NOT NULL, "etat_depuis" datetime NOT NULL, "type_controle" varchar(20) NOT NULL, "themes" text NOT NULL CHECK ((JSON_VALID("themes") OR "themes" IS NULL)), "date_prevue" date NULL, "inspecteurs" varchar(500) NOT NULL, "origine" text NOT NULL, "score_risque" smallint unsigned NULL CHECK ("score_risque" >= 0), "motifs_risque" text NOT NULL CHECK ((JSON_VALID("motifs_risque") OR "motifs_risque" IS NULL)), "etat" varchar(30) NOT NULL, "date_realisation" date NULL, "date_limite_reponse" date NULL, "reponse_entite" text NOT NULL, "repondu_le" datetime NULL, "motif_annulation" text NOT NULL, "relance_palier" smallint NULL, "cree_le" datetime NOT NULL, "anomalie_origine_id" bigint NULL REFERENCES "qualite_anomalie" ("id") DEFERRABLE INITIALLY DEFERRED, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NOT NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "repondu_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "programme_id" bigint NULL REFERENCES "controle_programmecontrole" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "controle_etat_valide" CHECK ("etat" IN ('programme', 'prepare', 'realise', 'rapport_provisoire', 'procedure_contradictoire', 'rapport_definitif', 'suites_en_cours', 'clos', 'annule')), CONSTRAINT "controle_type_valide" CHECK ("type_controle" IN ('sur_pieces', 'sur_place', 'inopine')));
CREATE TABLE "controle_documentcontrole" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "ajoute_le" datetime NOT NULL, "nature" varchar(30) NOT NULL, "ajoute_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "controle_id" bigint NOT NULL REFERENCES "controle_controle" ("id") DEFERRABLE INITIALLY DEFERRED, "document_id" integer NOT NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED, "mesure_id" bigint NULL REFERENCES "controle_mesure" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "controle_mesure" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "etat_depuis" datetime NOT NULL, "type_mesure" varchar(20) NOT NULL, "texte" text NOT NULL, "echeance" date NULL, "date_notification" date NULL, "montant_minoration" decimal NULL, "date_fermeture" date NULL, "etat" varchar(20) NOT NULL, "date_suivi" date NULL, "relance_palier" smallint NULL, "cree_le" datetime NOT NULL, "avenant_id" bigint NULL REFERENCES "conventions_avenant" ("id") DEFERRABLE INITIALLY DEFERRED, "controle_id" bigint NOT NULL REFERENCES "controle_controle" ("id") DEFERRABLE INITIALLY DEFERRED, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "demande_fermeture_id" bigint NULL REFERENCES "demandes_demande" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "mesure_type_valide" CHECK ("type_mesure" IN ('recommandation', 'injonction', 'mise_en_demeure', 'minoration', 'fermeture')), CONSTRAINT "mesure_etat_valide" CHECK ("etat" IN ('a_suivre', 'levee', 'non_levee')), CONSTRAINT "mesure_minoration_borne" CHECK (("montant_minoration" IS NULL OR ("montant_minoration" >= '0' AND "montant_minoration" <= '1000000000'))));
CREATE TABLE "controle_programmecontrole" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "annee" smallint unsigned NOT NULL CHECK ("annee" >= 0), "commentaire" text NOT NULL, "cree_le" datetime NOT NULL, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "programme_controle_unique" UNIQUE ("departement_id", "annee"), CONSTRAINT "programme_controle_annee_borne" CHECK (("annee" >= 2000 AND "annee" <= 2100)));
CREATE TABLE "conventions_avenant" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "numero" smallint unsigned NOT NULL CHECK ("numero" >= 0), "objet" text NOT NULL, "date_effet" date NOT NULL, "etat" varchar(20) NOT NULL, "date_signature" date NULL, "signe_le" datetime NULL, "applique_le" datetime NULL, "etat_depuis" datetime NOT NULL, "cree_le" datetime NOT NULL, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "convention_id" bigint NOT NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "avenant_numero_unique" UNIQUE ("convention_id", "numero"), CONSTRAINT "avenant_etat_valide" CHECK ("etat" IN ('brouillon', 'validee', 'signee', 'abandonne')));
CREATE TABLE "conventions_compteur" ("cle" varchar(40) NOT NULL PRIMARY KEY, "dernier" integer unsigned NOT NULL CHECK ("dernier" >= 0));
CREATE TABLE "conventions_convention" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "numero" varchar(50) NOT NULL, "intitule" varchar(255) NOT NULL, "type_convention" varchar(20) NOT NULL, "nationale" bool NOT NULL, "etat" varchar(20) NOT NULL, "date_debut" date NOT NULL, "date_fin" date NULL, "signataire" varchar(30) NOT NULL, "signataire_nom" varchar(200) NOT NULL, "objectifs" text NOT NULL, "observations" text NOT NULL, "date_signature" date NULL, "signee_le" datetime NULL, "date_resiliation" date NULL, "motif_resiliation" text NOT NULL, "etat_depuis" datetime NOT NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "cree_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NOT NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, "convention_precedente_id" bigint NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "convention_etat_valide" CHECK ("etat" IN ('brouillon', 'soumise', 'pre_validee', 'validee', 'signee', 'en_vigueur', 'expiree', 'resiliee', 'abandonnee')), CONSTRAINT "convention_type_valide" CHECK ("type_convention" IN ('cada', 'huda', 'pluriannuelle', 'cpom', 'autre')), CONSTRAINT "convention_fin_apres_debut" CHECK (("date_fin" IS NULL OR "date_fin" >= ("date_debut"))));
CREATE TABLE "conventions_documentconvention" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nature" varchar(20) NOT NULL, "ajoute_le" datetime NOT NULL, "ajoute_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "avenant_id" bigint NULL REFERENCES "conventions_avenant" ("id") DEFERRABLE INITIALLY DEFERRED, "convention_id" bigint NOT NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "document_id" integer NOT NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "conventions_historicalconvention" ("id" bigint NOT NULL, "numero" varchar(50) NOT NULL, "intitule" varchar(255) NOT NULL, "type_convention" varchar(20) NOT NULL, "nationale" bool NOT NULL, "etat" varchar(20) NOT NULL, "date_debut" date NOT NULL, "date_fin" date NULL, "signataire" varchar(30) NOT NULL, "signataire_nom" varchar(200) NOT NULL, "objectifs" text NOT NULL, "observations" text NOT NULL, "date_signature" date NULL, "signee_le" datetime NULL, "date_resiliation" date NULL, "motif_resiliation" text NOT NULL, "etat_depuis" datetime NOT NULL, "cree_le" datetime NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "convention_precedente_id" bigint NULL, "cree_par_id" integer NULL, "departement_id" varchar(3) NULL, "entite_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "conventions_historicalligneconvention" ("id" bigint NOT NULL, "places_conventionnees" integer unsigned NOT NULL CHECK ("places_conventionnees" >= 0), "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "convention_id" bigint NULL, "dispositif_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "effet_le" date NULL);
CREATE TABLE "conventions_historicalmontantconvention" ("id" bigint NOT NULL, "exercice" smallint unsigned NOT NULL CHECK ("exercice" >= 0), "montant" decimal NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "convention_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "effet_le" date NULL);
CREATE TABLE "conventions_ligneavenant" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "places_conventionnees" integer unsigned NOT NULL CHECK ("places_conventionnees" >= 0), "avenant_id" bigint NOT NULL REFERENCES "conventions_avenant" ("id") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "ligne_avenant_unique" UNIQUE ("avenant_id", "dispositif_id"), CONSTRAINT "ligne_avenant_places_borne" CHECK (("places_conventionnees" >= 0 AND "places_conventionnees" <= 100000)));
CREATE TABLE "conventions_ligneconvention" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "places_conventionnees" integer unsigned NOT NULL CHECK ("places_conventionnees" >= 0), "convention_id" bigint NOT NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "effet_le" date NULL, CONSTRAINT "ligne_convention_unique" UNIQUE ("convention_id", "dispositif_id"), CONSTRAINT "ligne_convention_places_borne" CHECK (("places_conventionnees" >= 0 AND "places_conventionnees" <= 100000)));
CREATE TABLE "conventions_montantavenant" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "exercice" smallint unsigned NOT NULL CHECK ("exercice" >= 0), "montant" decimal NOT NULL, "avenant_id" bigint NOT NULL REFERENCES "conventions_avenant" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "montant_avenant_unique" UNIQUE ("avenant_id", "exercice"), CONSTRAINT "montant_avenant_borne" CHECK (("montant" >= '0' AND "montant" <= '1000000000')), CONSTRAINT "montant_avenant_exercice_plausible" CHECK (("exercice" >= 2000 AND "exercice" <= 2100)));
CREATE TABLE "conventions_montantconvention" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "exercice" smallint unsigned NOT NULL CHECK ("exercice" >= 0), "montant" decimal NOT NULL, "convention_id" bigint NOT NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "effet_le" date NULL, CONSTRAINT "montant_convention_unique" UNIQUE ("convention_id", "exercice"), CONSTRAINT "montant_convention_exercice_plausible" CHECK (("exercice" >= 2000 AND "exercice" <= 2100)), CONSTRAINT "montant_convention_borne" CHECK (("montant" >= '0' AND "montant" <= '1000000000')));
CREATE TABLE "demandes_demande" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "type_demande" varchar(20) NOT NULL, "etat" varchar(20) NOT NULL, "jeton" varchar(64) NOT NULL UNIQUE, "demandeur_nom" varchar(200) NOT NULL, "demandeur_courriel" varchar(254) NOT NULL, "demandeur_telephone" varchar(20) NOT NULL, "demandeur_organisation" varchar(255) NOT NULL, "demandeur_fonction" varchar(150) NOT NULL, "nouvelle_entite" text NOT NULL CHECK ((JSON_VALID("nouvelle_entite") OR "nouvelle_entite" IS NULL)), "donnees_dispositif" text NOT NULL CHECK ((JSON_VALID("donnees_dispositif") OR "donnees_dispositif" IS NULL)), "groupes" text NOT NULL CHECK ((JSON_VALID("groupes") OR "groupes" IS NULL)), "financements" text NOT NULL CHECK ((JSON_VALID("financements") OR "financements" IS NULL)), "date_fermeture" date NULL, "description" text NOT NULL, "soumise_le" datetime NOT NULL, "etat_depuis" datetime NOT NULL, "decidee_le" datetime NULL, "motif_refus" text NOT NULL, "compte_demandeur_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "type_dispositif_id" varchar(30) NULL REFERENCES "offre_typedispositif" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "demande_etat_valide" CHECK ("etat" IN ('soumise', 'a_completer', 'pre_validee', 'validee', 'refusee', 'annulee')));
CREATE TABLE "demandes_piecejointe" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nom" varchar(255) NOT NULL, "deposee_par_demandeur" bool NOT NULL, "demande_id" bigint NOT NULL REFERENCES "demandes_demande" ("id") DEFERRABLE INITIALLY DEFERRED, "ajoute_le" datetime NOT NULL, "ajoute_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "nature" varchar(30) NOT NULL, "document_id" integer NOT NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "django_admin_log" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" text NULL, "object_repr" varchar(200) NOT NULL, "action_flag" smallint unsigned NOT NULL CHECK ("action_flag" >= 0), "change_message" text NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "action_time" datetime NOT NULL);
CREATE TABLE "django_content_type" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app_label" varchar(100) NOT NULL, "model" varchar(100) NOT NULL);
INSERT INTO "django_content_type" VALUES(1,'admin','logentry');
INSERT INTO "django_content_type" VALUES(2,'auth','permission');
INSERT INTO "django_content_type" VALUES(3,'auth','group');
INSERT INTO "django_content_type" VALUES(4,'auth','user');
INSERT INTO "django_content_type" VALUES(5,'contenttypes','contenttype');
INSERT INTO "django_content_type" VALUES(6,'django_tasks_database','dbtaskresult');
INSERT INTO "django_content_type" VALUES(7,'dsfr','dsfrconfig');
INSERT INTO "django_content_type" VALUES(8,'dsfr','dsfrsocialmedia');
INSERT INTO "django_content_type" VALUES(9,'sessions','session');
INSERT INTO "django_content_type" VALUES(10,'taggit','tag');
INSERT INTO "django_content_type" VALUES(11,'taggit','taggeditem');
INSERT INTO "django_content_type" VALUES(12,'wagtailcore','page');
INSERT INTO "django_content_type" VALUES(13,'wagtailadmin','admin');
INSERT INTO "django_content_type" VALUES(14,'wagtailadmin','editingsession');
INSERT INTO "django_content_type" VALUES(15,'wagtailadmin','formstate');
INSERT INTO "django_content_type" VALUES(16,'wagtailcore','grouppagepermission');
INSERT INTO "django_content_type" VALUES(17,'wagtailcore','revision');
INSERT INTO "django_content_type" VALUES(18,'wagtailcore','pageviewrestriction');
INSERT INTO "django_content_type" VALUES(19,'wagtailcore','site');
INSERT INTO "django_content_type" VALUES(20,'wagtailcore','collection');
INSERT INTO "django_content_type" VALUES(21,'wagtailcore','groupcollectionpermission');
INSERT INTO "django_content_type" VALUES(22,'wagtailcore','groupapprovaltask');
INSERT INTO "django_content_type" VALUES(23,'wagtailcore','locale');
INSERT INTO "django_content_type" VALUES(24,'wagtailcore','groupsitepermission');
INSERT INTO "django_content_type" VALUES(25,'wagtailcore','apitoken');
INSERT INTO "django_content_type" VALUES(26,'wagtailcore','modellogentry');
INSERT INTO "django_content_type" VALUES(27,'wagtailcore','collectionviewrestriction');
INSERT INTO "django_content_type" VALUES(28,'wagtailcore','uploadedfile');
INSERT INTO "django_content_type" VALUES(29,'wagtailcore','workflowcontenttype');
INSERT INTO "django_content_type" VALUES(30,'wagtailcore','workflowstate');
INSERT INTO "django_content_type" VALUES(31,'wagtailcore','workflow');
INSERT INTO "django_content_type" VALUES(32,'wagtailcore','workflowtask');
INSERT INTO "django_content_type" VALUES(33,'wagtailcore','task');
INSERT INTO "django_content_type" VALUES(34,'wagtailcore','taskstate');
INSERT INTO "django_content_type" VALUES(35,'wagtailcore','workflowpage');
INSERT INTO "django_content_type" VALUES(36,'wagtailcore','pagelogentry');
INSERT INTO "django_content_type" VALUES(37,'wagtailcore','comment');
INSERT INTO "django_content_type" VALUES(38,'wagtailcore','commentreply');
INSERT INTO "django_content_type" VALUES(39,'wagtailcore','pagesubscription');
INSERT INTO "django_content_type" VALUES(40,'wagtailcore','referenceindex');
INSERT INTO "django_content_type" VALUES(41,'wagtaildocs','document');
INSERT INTO "django_content_type" VALUES(42,'wagtailimages','image');
INSERT INTO "django_content_type" VALUES(43,'wagtailimages','rendition');
INSERT INTO "django_content_type" VALUES(44,'wagtailusers','userprofile');
INSERT INTO "django_content_type" VALUES(45,'exportations','exportdiffere');
INSERT INTO "django_content_type" VALUES(46,'territoires','region');
INSERT INTO "django_content_type" VALUES(47,'territoires','departement');
INSERT INTO "django_content_type" VALUES(48,'territoires','siao');
INSERT INTO "django_content_type" VALUES(49,'offre','compteurcode');
INSERT INTO "django_content_type" VALUES(50,'offre','nature');
INSERT INTO "django_content_type" VALUES(51,'offre','programme');
INSERT INTO "django_content_type" VALUES(52,'offre','publicspecifique');
INSERT INTO "django_content_type" VALUES(53,'offre','entitegestionnaire');
INSERT INTO "django_content_type" VALUES(54,'offre','dispositif');
INSERT INTO "django_content_type" VALUES(55,'offre','contactreferent');
INSERT INTO "django_content_type" VALUES(56,'offre','groupedeplaces');
INSERT INTO "django_content_type" VALUES(57,'offre','historicalentitegestionnaire');
INSERT INTO "django_content_type" VALUES(58,'offre','historicalgroupedeplaces');
INSERT INTO "django_content_type" VALUES(59,'offre','historicalfinancement');
INSERT INTO "django_content_type" VALUES(60,'offre','financement');
INSERT INTO "django_content_type" VALUES(61,'offre','typedispositif');
INSERT INTO "django_content_type" VALUES(62,'offre','historicaldispositif');
INSERT INTO "django_content_type" VALUES(63,'acces','affectationrole');
INSERT INTO "django_content_type" VALUES(64,'demandes','demande');
INSERT INTO "django_content_type" VALUES(65,'demandes','piecejointe');
INSERT INTO "django_content_type" VALUES(66,'conventions','compteur');
INSERT INTO "django_content_type" VALUES(67,'conventions','convention');
INSERT INTO "django_content_type" VALUES(68,'conventions','avenant');
INSERT INTO "django_content_type" VALUES(69,'conventions','documentconvention');
INSERT INTO "django_content_type" VALUES(70,'conventions','historicalconvention');
INSERT INTO "django_content_type" VALUES(71,'conventions','historicalligneconvention');
INSERT INTO "django_content_type" VALUES(72,'conventions','historicalmontantconvention');
INSERT INTO "django_content_type" VALUES(73,'conventions','ligneavenant');
INSERT INTO "django_content_type" VALUES(74,'conventions','ligneconvention');
INSERT INTO "django_content_type" VALUES(75,'conventions','montantavenant');
INSERT INTO "django_content_type" VALUES(76,'conventions','montantconvention');
INSERT INTO "django_content_type" VALUES(77,'appels','appelaprojets');
INSERT INTO "django_content_type" VALUES(78,'appels','candidature');
INSERT INTO "django_content_type" VALUES(79,'appels','critereselection');
INSERT INTO "django_content_type" VALUES(80,'appels','documentappel');
INSERT INTO "django_content_type" VALUES(81,'appels','documentcandidature');
INSERT INTO "django_content_type" VALUES(82,'appels','notecritere');
INSERT INTO "django_content_type" VALUES(83,'appels','repartitionappel');
INSERT INTO "django_content_type" VALUES(84,'qualite','anomalie');
INSERT INTO "django_content_type" VALUES(85,'occupation','occupation');
INSERT INTO "django_content_type" VALUES(86,'controle','controle');
INSERT INTO "django_content_type" VALUES(87,'controle','mesure');
INSERT INTO "django_content_type" VALUES(88,'controle','documentcontrole');
INSERT INTO "django_content_type" VALUES(89,'controle','programmecontrole');
INSERT INTO "django_content_type" VALUES(90,'controle','constat');
INSERT INTO "django_content_type" VALUES(91,'signalements','signalement');
INSERT INTO "django_content_type" VALUES(92,'evaluations','evaluation');
INSERT INTO "django_content_type" VALUES(93,'schemas','schemaregional');
INSERT INTO "django_content_type" VALUES(94,'schemas','objectif');
INSERT INTO "django_content_type" VALUES(95,'schemas','campagneevaluation');
INSERT INTO "django_content_type" VALUES(96,'schemas','thematique');
INSERT INTO "django_content_type" VALUES(97,'schemas','actionschema');
INSERT INTO "django_content_type" VALUES(98,'schemas','evaluationaction');
INSERT INTO "django_content_type" VALUES(99,'imports','importtemps1');
CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL);
INSERT INTO "django_migrations" VALUES(1,'contenttypes','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(2,'auth','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(3,'admin','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(4,'admin','0002_logentry_remove_auto_add','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(5,'admin','0003_logentry_add_action_flag_choices','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(6,'contenttypes','0002_remove_content_type_name','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(7,'auth','0002_alter_permission_name_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(8,'auth','0003_alter_user_email_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(9,'auth','0004_alter_user_username_opts','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(10,'auth','0005_alter_user_last_login_null','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(11,'auth','0006_require_contenttypes_0002','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(12,'auth','0007_alter_validators_add_error_messages','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(13,'auth','0008_alter_user_username_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(14,'auth','0009_alter_user_last_name_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(15,'auth','0010_alter_group_name_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(16,'auth','0011_update_proxy_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(17,'auth','0012_alter_user_first_name_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(18,'django_tasks_database','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(19,'django_tasks_database','0002_alter_dbtaskresult_options','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(20,'django_tasks_database','0003_dbtaskresult_enqueued_at_dbtaskresult_finished_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(21,'django_tasks_database','0004_dbtaskresult_started_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(22,'django_tasks_database','0005_alter_dbtaskresult_priority_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(23,'django_tasks_database','0006_alter_dbtaskresult_args_kwargs_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(24,'django_tasks_database','0007_add_separate_results_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(25,'django_tasks_database','0008_separate_results_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(26,'django_tasks_database','0009_remove_results_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(27,'django_tasks_database','0010_alter_dbtaskresult_status','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(28,'django_tasks_database','0011_rename_complete_status','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(29,'django_tasks_database','0012_add_separate_exception_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(30,'django_tasks_database','0013_separate_exception_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(31,'django_tasks_database','0014_remove_dbtaskresult_exception_data','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(32,'django_tasks_database','0015_correctly_order_run_after','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(33,'django_tasks_database','0016_remove_dbtaskresult_django_task_new_ordering_idx_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(34,'django_tasks_database','0017_dbtaskresult_metadata','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(35,'django_tasks_database','0018_rename_succeeded_status','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(36,'django_tasks_database','0019_rename_django_task_new_ordering_idx_tasks_db_new_ordering_idx_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(37,'dsfr','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(38,'dsfr','0002_auto_20211209_1557','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(39,'dsfr','0003_alter_dsfrconfig_accessibility_status','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(40,'dsfr','0004_dsfrconfig_beta_tag_dsfrconfig_operator_logo_alt_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(41,'dsfr','0005_dsfrconfig_notice','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(42,'dsfr','0006_alter_dsfrconfig_accessibility_status','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(43,'dsfr','0007_dsfrconfig_newsletter_description_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(44,'dsfr','0008_alter_dsfrsocialmedia_options_dsfrconfig_language_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(45,'dsfr','0009_dsfrconfig_notice_type_alter_dsfrconfig_notice','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(46,'dsfr','0010_dsfrconfig_notice_icon_class_alter_dsfrconfig_notice_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(47,'dsfr','0011_rename_notice_dsfrconfig_notice_title','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(48,'dsfr','0012_dsfrconfig_notice_description_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(49,'sessions','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(50,'taggit','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(51,'taggit','0002_auto_20150616_2121','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(52,'taggit','0003_taggeditem_add_unique_index','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(53,'taggit','0004_alter_taggeditem_content_type_alter_taggeditem_tag','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(54,'taggit','0005_auto_20220424_2025','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(55,'taggit','0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(56,'wagtailcore','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(57,'wagtailcore','0002_initial_data','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(58,'wagtailcore','0003_add_uniqueness_constraint_on_group_page_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(59,'wagtailcore','0004_page_locked','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(60,'wagtailcore','0005_add_page_lock_permission_to_moderators','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(61,'wagtailcore','0006_add_lock_page_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(62,'wagtailcore','0007_page_latest_revision_created_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(63,'wagtailcore','0008_populate_latest_revision_created_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(64,'wagtailcore','0009_remove_auto_now_add_from_pagerevision_created_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(65,'wagtailcore','0010_change_page_owner_to_null_on_delete','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(66,'wagtailcore','0011_page_first_published_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(67,'wagtailcore','0012_extend_page_slug_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(68,'wagtailcore','0013_update_golive_expire_help_text','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(69,'wagtailcore','0014_add_verbose_name','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(70,'wagtailcore','0015_add_more_verbose_names','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(71,'wagtailcore','0016_change_page_url_path_to_text_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(72,'wagtailcore','0017_change_edit_page_permission_description','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(73,'wagtailcore','0018_pagerevision_submitted_for_moderation_index','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(74,'wagtailcore','0019_verbose_names_cleanup','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(75,'wagtailcore','0020_add_index_on_page_first_published_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(76,'wagtailcore','0021_capitalizeverbose','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(77,'wagtailcore','0022_add_site_name','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(78,'wagtailcore','0023_alter_page_revision_on_delete_behaviour','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(79,'wagtailcore','0024_collection','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(80,'wagtailcore','0025_collection_initial_data','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(81,'wagtailcore','0026_group_collection_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(82,'wagtailadmin','0001_create_admin_access_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(83,'wagtailadmin','0002_admin','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(84,'wagtailadmin','0003_admin_managed','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(85,'wagtailadmin','0004_editingsession','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(86,'wagtailadmin','0005_editingsession_is_editing','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(87,'wagtailadmin','0006_formstate','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(88,'wagtailcore','0001_squashed_0016_change_page_url_path_to_text_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(89,'wagtailcore','0027_fix_collection_path_collation','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(90,'wagtailcore','0024_alter_page_content_type_on_delete_behaviour','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(91,'wagtailcore','0028_merge','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(92,'wagtailcore','0029_unicode_slugfield_dj19','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(93,'wagtailcore','0030_index_on_pagerevision_created_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(94,'wagtailcore','0031_add_page_view_restriction_types','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(95,'wagtailcore','0032_add_bulk_delete_page_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(96,'wagtailcore','0033_remove_golive_expiry_help_text','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(97,'wagtailcore','0034_page_live_revision','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(98,'wagtailcore','0035_page_last_published_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(99,'wagtailcore','0036_populate_page_last_published_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(100,'wagtailcore','0037_set_page_owner_editable','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(101,'wagtailcore','0038_make_first_published_at_editable','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(102,'wagtailcore','0039_collectionviewrestriction','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(103,'wagtailcore','0040_page_draft_title','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(104,'wagtailcore','0041_group_collection_permissions_verbose_name_plural','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(105,'wagtailcore','0042_index_on_pagerevision_approved_go_live_at','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(106,'wagtailcore','0043_lock_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(107,'wagtailcore','0044_add_unlock_grouppagepermission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(108,'wagtailcore','0045_assign_unlock_grouppagepermission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(109,'wagtailcore','0046_site_name_remove_null','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(110,'wagtailcore','0047_add_workflow_models','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(111,'wagtailcore','0048_add_default_workflows','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(112,'wagtailcore','0049_taskstate_finished_by','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(113,'wagtailcore','0050_workflow_rejected_to_needs_changes','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(114,'wagtailcore','0051_taskstate_comment','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(115,'wagtailcore','0052_pagelogentry','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(116,'wagtailcore','0053_locale_model','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(117,'wagtailcore','0054_initial_locale','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(118,'wagtailcore','0055_page_locale_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(119,'wagtailcore','0056_page_locale_fields_populate','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(120,'wagtailcore','0057_page_locale_fields_notnull','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(121,'wagtailcore','0058_page_alias_of','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(122,'wagtailcore','0059_apply_collection_ordering','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(123,'wagtailcore','0060_fix_workflow_unique_constraint','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(124,'wagtailcore','0061_change_promote_tab_helpt_text_and_verbose_names','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(125,'wagtailcore','0062_comment_models_and_pagesubscription','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(126,'wagtailcore','0063_modellogentry','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(127,'wagtailcore','0064_log_timestamp_indexes','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(128,'wagtailcore','0065_log_entry_uuid','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(129,'wagtailcore','0066_collection_management_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(130,'wagtailcore','0067_alter_pagerevision_content_json','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(131,'wagtailcore','0068_log_entry_empty_object','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(132,'wagtailcore','0069_log_entry_jsonfield','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(133,'wagtailcore','0070_rename_pagerevision_revision','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(134,'wagtailcore','0071_populate_revision_content_type','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(135,'wagtailcore','0072_alter_revision_content_type_notnull','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(136,'wagtailcore','0073_page_latest_revision','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(137,'wagtailcore','0074_revision_object_str','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(138,'wagtailcore','0075_populate_latest_revision_and_revision_object_str','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(139,'wagtailcore','0076_modellogentry_revision','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(140,'wagtailcore','0077_alter_revision_user','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(141,'wagtailcore','0078_referenceindex','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(142,'wagtailcore','0079_rename_taskstate_page_revision','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(143,'wagtailcore','0080_generic_workflowstate','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(144,'wagtailcore','0081_populate_workflowstate_content_type','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(145,'wagtailcore','0082_alter_workflowstate_content_type_notnull','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(146,'wagtailcore','0083_workflowcontenttype','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(147,'wagtailcore','0084_add_default_page_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(148,'wagtailcore','0085_add_grouppagepermission_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(149,'wagtailcore','0086_populate_grouppagepermission_permission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(150,'wagtailcore','0087_alter_grouppagepermission_unique_together_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(151,'wagtailcore','0088_fix_log_entry_json_timestamps','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(152,'wagtailcore','0089_log_entry_data_json_null_to_object','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(153,'wagtailcore','0090_remove_grouppagepermission_permission_type','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(154,'wagtailcore','0091_remove_revision_submitted_for_moderation','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(155,'wagtailcore','0092_alter_collectionviewrestriction_password_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(156,'wagtailcore','0093_uploadedfile','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(157,'wagtailcore','0094_alter_page_locale','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(158,'wagtailcore','0095_groupsitepermission','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(159,'wagtailcore','0096_referenceindex_referenceindex_source_object_and_more','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(160,'wagtailcore','0097_baselogentry_uuid_action_timestamp_indexes','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(161,'wagtailcore','0098_apitoken','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(162,'wagtaildocs','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(163,'wagtaildocs','0002_initial_data','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(164,'wagtaildocs','0003_add_verbose_names','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(165,'wagtaildocs','0004_capitalizeverbose','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(166,'wagtaildocs','0005_document_collection','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(167,'wagtaildocs','0006_copy_document_permissions_to_collections','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(168,'wagtaildocs','0005_alter_uploaded_by_user_on_delete_action','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(169,'wagtaildocs','0007_merge','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(170,'wagtaildocs','0008_document_file_size','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(171,'wagtaildocs','0009_document_verbose_name_plural','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(172,'wagtaildocs','0010_document_file_hash','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(173,'wagtaildocs','0011_add_choose_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(174,'wagtaildocs','0012_uploadeddocument','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(175,'wagtaildocs','0013_delete_uploadeddocument','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(176,'wagtaildocs','0014_alter_document_file_size','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(177,'wagtailimages','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(178,'wagtailimages','0002_initial_data','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(179,'wagtailimages','0003_fix_focal_point_fields','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(180,'wagtailimages','0004_make_focal_point_key_not_nullable','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(181,'wagtailimages','0005_make_filter_spec_unique','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(182,'wagtailimages','0006_add_verbose_names','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(183,'wagtailimages','0007_image_file_size','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(184,'wagtailimages','0008_image_created_at_index','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(185,'wagtailimages','0009_capitalizeverbose','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(186,'wagtailimages','0010_change_on_delete_behaviour','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(187,'wagtailimages','0011_image_collection','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(188,'wagtailimages','0012_copy_image_permissions_to_collections','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(189,'wagtailimages','0013_make_rendition_upload_callable','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(190,'wagtailimages','0014_add_filter_spec_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(191,'wagtailimages','0015_fill_filter_spec_field','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(192,'wagtailimages','0016_deprecate_rendition_filter_relation','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(193,'wagtailimages','0017_reduce_focal_point_key_max_length','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(194,'wagtailimages','0018_remove_rendition_filter','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(195,'wagtailimages','0019_delete_filter','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(196,'wagtailimages','0020_add-verbose-name','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(197,'wagtailimages','0021_image_file_hash','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(198,'wagtailimages','0022_uploadedimage','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(199,'wagtailimages','0023_add_choose_permissions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(200,'wagtailimages','0024_index_image_file_hash','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(201,'wagtailimages','0025_alter_image_file_alter_rendition_file','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(202,'wagtailimages','0026_delete_uploadedimage','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(203,'wagtailimages','0027_image_description','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(204,'wagtailimages','0001_squashed_0021','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(205,'wagtailusers','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(206,'wagtailusers','0002_add_verbose_name_on_userprofile','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(207,'wagtailusers','0003_add_verbose_names','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(208,'wagtailusers','0004_capitalizeverbose','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(209,'wagtailusers','0005_make_related_name_wagtail_specific','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(210,'wagtailusers','0006_userprofile_prefered_language','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(211,'wagtailusers','0007_userprofile_current_time_zone','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(212,'wagtailusers','0008_userprofile_avatar','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(213,'wagtailusers','0009_userprofile_verbose_name_plural','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(214,'wagtailusers','0010_userprofile_updated_comments_notifications','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(215,'wagtailusers','0011_userprofile_dismissibles','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(216,'wagtailusers','0012_userprofile_theme','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(217,'wagtailusers','0013_userprofile_density','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(218,'wagtailusers','0014_userprofile_contrast','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(219,'wagtailusers','0015_userprofile_keyboard_shortcuts','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(220,'territoires','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(221,'offre','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(222,'acces','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(223,'acces','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(224,'territoires','0002_cog','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(225,'offre','0002_nomenclature','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(226,'conventions','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(227,'offre','0003_financement_convention','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(228,'appels','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(229,'appels','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(230,'conventions','0002_bornes_montants_avenant','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(231,'conventions','0003_bornes_conventions','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(232,'offre','0004_bornes_offre','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(233,'appels','0002_bornes_appels','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(234,'appels','0003_merge_0002_bornes_appels_0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(235,'appels','0004_documents_rattaches','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(236,'territoires','0003_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(237,'qualite','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(238,'offre','0004_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(239,'offre','0005_merge_0004_bornes_offre_0004_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(240,'conventions','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(241,'conventions','0004_merge_20261207_0244','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(242,'conventions','0005_ligne_effet_le','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(243,'qualite','0002_regle_occupation','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(244,'demandes','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(245,'demandes','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(246,'demandes','0003_pieces_jointes_documents','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(247,'demandes','0004_pieces_jointes_sans_anciennes_colonnes','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(248,'controle','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(249,'evaluations','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(250,'exportations','0001_export_differe','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(251,'imports','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(252,'imports','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(253,'imports','0003_nature','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(254,'occupation','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(255,'schemas','0001_initial','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(256,'schemas','0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(257,'schemas','0002_bornes_schemas','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(258,'schemas','0003_merge_0002_bornes_schemas_0002_recherche_normalisee','2000-01-01 00:00:00');
INSERT INTO "django_migrations" VALUES(259,'signalements','0001_initial','2000-01-01 00:00:00');
CREATE TABLE "django_session" ("session_key" varchar(40) NOT NULL PRIMARY KEY, "session_data" text NOT NULL, "expire_date" datetime NOT NULL);
CREATE TABLE "django_tasks_database_dbtaskresult" ("id" char(32) NOT NULL PRIMARY KEY, "args_kwargs" text NOT NULL CHECK ((JSON_VALID("args_kwargs") OR "args_kwargs" IS NULL)), "priority" integer NOT NULL, "task_path" text NOT NULL, "queue_name" varchar(32) NOT NULL, "backend_name" varchar(32) NOT NULL, "run_after" datetime NOT NULL, "enqueued_at" datetime NOT NULL, "finished_at" datetime NULL, "started_at" datetime NULL, "return_value" text NULL CHECK ((JSON_VALID("return_value") OR "return_value" IS NULL)), "exception_class_path" text NOT NULL, "traceback" text NOT NULL, "worker_ids" text NOT NULL CHECK ((JSON_VALID("worker_ids") OR "worker_ids" IS NULL)), "status" varchar(10) NOT NULL, CONSTRAINT "priority_range" CHECK ("priority" BETWEEN -100 AND 100));
CREATE TABLE "dsfr_dsfrconfig" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "header_brand" varchar(200) NOT NULL, "header_brand_html" varchar(200) NOT NULL, "footer_brand" varchar(200) NOT NULL, "footer_brand_html" varchar(200) NOT NULL, "site_title" varchar(200) NOT NULL, "site_tagline" varchar(200) NOT NULL, "footer_description" text NOT NULL, "mourning" bool NOT NULL, "accessibility_status" varchar(4) NOT NULL, "beta_tag" bool NOT NULL, "operator_logo_alt" varchar(200) NOT NULL, "operator_logo_file" varchar(100) NULL, "operator_logo_width" decimal NULL, "newsletter_description" text NOT NULL, "newsletter_url" varchar(200) NOT NULL, "language" varchar(7) NOT NULL UNIQUE, "notice_type" varchar(20) NOT NULL, "notice_icon_class" varchar(200) NOT NULL, "notice_description" text NOT NULL, "notice_is_collapsible" bool NOT NULL, "notice_link" varchar(200) NOT NULL, "notice_title" varchar(250) NOT NULL);
CREATE TABLE "dsfr_dsfrsocialmedia" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "url" varchar(200) NOT NULL, "icon_class" varchar(200) NOT NULL, "site_config_id" bigint NULL REFERENCES "dsfr_dsfrconfig" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "evaluations_evaluation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "rang" smallint unsigned NOT NULL CHECK ("rang" >= 0), "echeance" date NOT NULL, "organisme_evaluateur" varchar(255) NOT NULL, "date_reception" date NULL, "conclusion" text NOT NULL, "relance" varchar(10) NOT NULL, "relance_le" date NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "document_id" integer NULL REFERENCES "wagtaildocs_document" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "evaluation_unique_rang" UNIQUE ("dispositif_id", "rang"), CONSTRAINT "evaluation_rang_positif" CHECK ("rang" >= 1), CONSTRAINT "evaluation_relance_valide" CHECK ("relance" IN ('', '6_mois', '1_mois', 'retard')));
CREATE TABLE "exportations_exportdiffere" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "liste" varchar(100) NOT NULL, "titre" varchar(200) NOT NULL, "nom_fichier" varchar(100) NOT NULL, "parametres" text NOT NULL, "format" varchar(4) NOT NULL, "etat" varchar(12) NOT NULL, "progression" smallint unsigned NOT NULL CHECK ("progression" >= 0), "lignes" integer unsigned NOT NULL CHECK ("lignes" >= 0), "total" integer unsigned NOT NULL CHECK ("total" >= 0), "fichier" varchar(255) NOT NULL, "erreur" text NOT NULL, "cree_le" datetime NOT NULL, "termine_le" datetime NULL, "demandeur_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "imports_importtemps1" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "fichier" varchar(255) NOT NULL, "nom_fichier" varchar(255) NOT NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "perimetre_libelle" varchar(255) NOT NULL, "etat" varchar(20) NOT NULL, "progression" smallint unsigned NOT NULL CHECK ("progression" >= 0), "rapport" text NOT NULL CHECK ((JSON_VALID("rapport") OR "rapport" IS NULL)), "message_echec" text NOT NULL, "fichier_annote" varchar(255) NULL, "applique_le" datetime NULL, "deposant_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, "nature" varchar(20) NOT NULL, CONSTRAINT "import_temps1_etat_valide" CHECK ("etat" IN ('deposee', 'en_analyse', 'analysee', 'en_erreur', 'en_application', 'appliquee', 'echec')), CONSTRAINT "import_temps1_progression_0_100" CHECK ("progression" <= 100), CONSTRAINT "import_nature_valide" CHECK ("nature" IN ('temps1', 'occupation')));
CREATE TABLE "imports_importtemps1_departements" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "importtemps1_id" bigint NOT NULL REFERENCES "imports_importtemps1" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "occupation_occupation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "mois" date NOT NULL, "places_en_service" integer unsigned NOT NULL CHECK ("places_en_service" >= 0), "places_occupees" integer unsigned NOT NULL CHECK ("places_occupees" >= 0), "presence_indue_refugies" integer unsigned NOT NULL CHECK ("presence_indue_refugies" >= 0), "presence_indue_deboutes" integer unsigned NOT NULL CHECK ("presence_indue_deboutes" >= 0), "places_vacantes" integer unsigned NOT NULL CHECK ("places_vacantes" >= 0), "places_indisponibles" integer unsigned NOT NULL CHECK ("places_indisponibles" >= 0), "importe_le" datetime NOT NULL, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "import_source_id" bigint NULL REFERENCES "imports_importtemps1" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "occupation_unique_mois" UNIQUE ("dispositif_id", "mois"), CONSTRAINT "occupation_occupees_inferieures_en_service" CHECK ("places_occupees" <= ("places_en_service")), CONSTRAINT "occupation_presence_indue_incluse" CHECK ("places_occupees" >= ("presence_indue_refugies" + "presence_indue_deboutes")));
CREATE TABLE "offre_compteurcode" ("departement_id" varchar(3) NOT NULL PRIMARY KEY REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "dernier" integer unsigned NOT NULL CHECK ("dernier" >= 0));
CREATE TABLE "offre_contactreferent" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "role" varchar(20) NOT NULL, "nom" varchar(200) NOT NULL, "courriel" varchar(254) NOT NULL, "telephone" varchar(20) NOT NULL, "entite_id" bigint NOT NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "offre_dispositif" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "code" varchar(12) NOT NULL UNIQUE, "reference_locale" varchar(50) NOT NULL, "nom" varchar(255) NOT NULL, "adresse" varchar(255) NOT NULL, "code_postal" varchar(5) NOT NULL, "commune" varchar(150) NOT NULL, "siret" varchar(14) NOT NULL, "finess" varchar(9) NOT NULL, "code_dna" varchar(30) NOT NULL, "public" varchar(20) NOT NULL, "mode_hebergement" varchar(20) NOT NULL, "places_autorisees" integer unsigned NULL CHECK ("places_autorisees" >= 0), "places_pmr" integer unsigned NULL CHECK ("places_pmr" >= 0), "date_autorisation" date NULL, "date_fin_autorisation" date NULL, "date_ouverture" date NULL, "date_fermeture" date NULL, "telephone" varchar(20) NOT NULL, "courriel" varchar(254) NOT NULL, "horaires" varchar(255) NOT NULL, "responsable" varchar(200) NOT NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "entite_id" bigint NOT NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, "type_id" varchar(30) NOT NULL REFERENCES "offre_typedispositif" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "dispositif_pmr_inferieur_autorisees" CHECK (("places_pmr" IS NULL OR "places_autorisees" IS NULL OR "places_pmr" <= ("places_autorisees"))), CONSTRAINT "dispositif_fermeture_apres_ouverture" CHECK (("date_fermeture" IS NULL OR "date_ouverture" IS NULL OR "date_fermeture" >= ("date_ouverture"))), CONSTRAINT "dispositif_autorisees_borne" CHECK (("places_autorisees" IS NULL OR ("places_autorisees" >= 0 AND "places_autorisees" <= 100000))), CONSTRAINT "dispositif_pmr_borne" CHECK (("places_pmr" IS NULL OR ("places_pmr" >= 0 AND "places_pmr" <= 100000))));
CREATE TABLE "offre_dispositif_publics_specifiques" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "publicspecifique_id" varchar(30) NOT NULL REFERENCES "offre_publicspecifique" ("code") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "offre_entitegestionnaire" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "raison_sociale" varchar(255) NOT NULL, "statut_juridique" varchar(30) NOT NULL, "siren" varchar(9) NOT NULL UNIQUE, "adresse" varchar(255) NOT NULL, "code_postal" varchar(5) NOT NULL, "commune" varchar(150) NOT NULL, "telephone" varchar(20) NOT NULL, "courriel" varchar(254) NOT NULL, "agrements" text NOT NULL, "convention_collective" varchar(255) NOT NULL, "cree_le" datetime NOT NULL, "modifie_le" datetime NOT NULL, "departement_id" varchar(3) NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, "parent_id" bigint NULL REFERENCES "offre_entitegestionnaire" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "entite_siren_9_chiffres" CHECK ("siren" REGEXP '^\d{9}$'));
CREATE TABLE "offre_financement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "exercice" smallint unsigned NOT NULL CHECK ("exercice" >= 0), "action" varchar(10) NOT NULL, "service_financeur" varchar(10) NOT NULL, "mode" varchar(20) NOT NULL, "places_financees" integer unsigned NOT NULL CHECK ("places_financees" >= 0), "montant_annuel" decimal NULL, "orientation" varchar(20) NOT NULL, "date_debut" date NULL, "date_fin" date NULL, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "programme_id" varchar(10) NOT NULL REFERENCES "offre_programme" ("code") DEFERRABLE INITIALLY DEFERRED, "convention_id" bigint NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "financement_exercice_plausible" CHECK (("exercice" >= 2000 AND "exercice" <= 2100)), CONSTRAINT "financement_fin_apres_debut" CHECK (("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= ("date_debut"))), CONSTRAINT "financement_ligne_unique" UNIQUE ("dispositif_id", "exercice", "programme_id", "action", "mode"), CONSTRAINT "financement_places_borne" CHECK (("places_financees" >= 0 AND "places_financees" <= 100000)), CONSTRAINT "financement_montant_borne" CHECK (("montant_annuel" IS NULL OR ("montant_annuel" >= '0' AND "montant_annuel" <= '1000000000'))));
CREATE TABLE "offre_groupedeplaces" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "libelle" varchar(200) NOT NULL, "places" integer unsigned NOT NULL CHECK ("places" >= 0), "public" varchar(20) NOT NULL, "mode_hebergement" varchar(20) NOT NULL, "commune" varchar(150) NOT NULL, "code_postal" varchar(5) NOT NULL, "places_pmr" integer unsigned NOT NULL CHECK ("places_pmr" >= 0), "date_debut" date NULL, "date_fin" date NULL, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "groupe_pmr_inferieur_places" CHECK ("places_pmr" <= ("places")), CONSTRAINT "groupe_fin_apres_debut" CHECK (("date_fin" IS NULL OR "date_debut" IS NULL OR "date_fin" >= ("date_debut"))), CONSTRAINT "groupe_places_borne" CHECK (("places" >= 0 AND "places" <= 100000)), CONSTRAINT "groupe_pmr_borne" CHECK (("places_pmr" >= 0 AND "places_pmr" <= 100000)));
CREATE TABLE "offre_historicaldispositif" ("id" bigint NOT NULL, "code" varchar(12) NOT NULL, "reference_locale" varchar(50) NOT NULL, "nom" varchar(255) NOT NULL, "adresse" varchar(255) NOT NULL, "code_postal" varchar(5) NOT NULL, "commune" varchar(150) NOT NULL, "siret" varchar(14) NOT NULL, "finess" varchar(9) NOT NULL, "code_dna" varchar(30) NOT NULL, "public" varchar(20) NOT NULL, "mode_hebergement" varchar(20) NOT NULL, "places_autorisees" integer unsigned NULL CHECK ("places_autorisees" >= 0), "places_pmr" integer unsigned NULL CHECK ("places_pmr" >= 0), "date_autorisation" date NULL, "date_fin_autorisation" date NULL, "date_ouverture" date NULL, "date_fermeture" date NULL, "telephone" varchar(20) NOT NULL, "courriel" varchar(254) NOT NULL, "horaires" varchar(255) NOT NULL, "responsable" varchar(200) NOT NULL, "cree_le" datetime NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "departement_id" varchar(3) NULL, "entite_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "type_id" varchar(30) NULL);
CREATE TABLE "offre_historicalentitegestionnaire" ("id" bigint NOT NULL, "raison_sociale" varchar(255) NOT NULL, "statut_juridique" varchar(30) NOT NULL, "siren" varchar(9) NOT NULL, "adresse" varchar(255) NOT NULL, "code_postal" varchar(5) NOT NULL, "commune" varchar(150) NOT NULL, "telephone" varchar(20) NOT NULL, "courriel" varchar(254) NOT NULL, "agrements" text NOT NULL, "convention_collective" varchar(255) NOT NULL, "cree_le" datetime NOT NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "departement_id" varchar(3) NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "parent_id" bigint NULL);
CREATE TABLE "offre_historicalfinancement" ("id" bigint NOT NULL, "exercice" smallint unsigned NOT NULL CHECK ("exercice" >= 0), "action" varchar(10) NOT NULL, "service_financeur" varchar(10) NOT NULL, "mode" varchar(20) NOT NULL, "places_financees" integer unsigned NOT NULL CHECK ("places_financees" >= 0), "montant_annuel" decimal NULL, "orientation" varchar(20) NOT NULL, "date_debut" date NULL, "date_fin" date NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "dispositif_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "programme_id" varchar(10) NULL, "convention_id" bigint NULL);
CREATE TABLE "offre_historicalgroupedeplaces" ("id" bigint NOT NULL, "libelle" varchar(200) NOT NULL, "places" integer unsigned NOT NULL CHECK ("places" >= 0), "public" varchar(20) NOT NULL, "mode_hebergement" varchar(20) NOT NULL, "commune" varchar(150) NOT NULL, "code_postal" varchar(5) NOT NULL, "places_pmr" integer unsigned NOT NULL CHECK ("places_pmr" >= 0), "date_debut" date NULL, "date_fin" date NULL, "history_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "history_date" datetime NOT NULL, "history_change_reason" text NULL, "history_type" varchar(1) NOT NULL, "dispositif_id" bigint NULL, "history_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "offre_nature" ("code" varchar(30) NOT NULL PRIMARY KEY, "libelle" varchar(200) NOT NULL UNIQUE, "validation_directe_siao" bool NOT NULL, "sans_places" bool NOT NULL, "ordre" smallint unsigned NOT NULL CHECK ("ordre" >= 0), "recherche" text NOT NULL, CONSTRAINT "nature_ordre_borne" CHECK (("ordre" >= 0 AND "ordre" <= 10000)));
INSERT INTO "offre_nature" VALUES('LOG_IML','Logement IML',0,0,1,'log iml logement iml');
INSERT INTO "offre_nature" VALUES('LOG_RS','Logement – résidence sociale',0,0,2,'log rs logement residence sociale');
INSERT INTO "offre_nature" VALUES('HEB','Hébergement',0,0,3,'heb hebergement');
INSERT INTO "offre_nature" VALUES('VEILLE','Veille sociale',1,0,4,'veille veille sociale');
INSERT INTO "offre_nature" VALUES('ACCOMP','Accompagnement',0,0,5,'accomp accompagnement');
INSERT INTO "offre_nature" VALUES('PREMIER_ACCUEIL','Premier accueil',1,1,6,'premier accueil premier accueil');
INSERT INTO "offre_nature" VALUES('DNA','Hébergement asile (DNA)',0,0,7,'dna hebergement asile dna');
CREATE TABLE "offre_programme" ("code" varchar(10) NOT NULL PRIMARY KEY, "libelle" varchar(200) NOT NULL);
INSERT INTO "offre_programme" VALUES('P303','P303 – Immigration et asile');
INSERT INTO "offre_programme" VALUES('P104','P104 – Intégration et accès à la nationalité');
INSERT INTO "offre_programme" VALUES('P177','P177 – Hébergement, parcours vers le logement et insertion');
INSERT INTO "offre_programme" VALUES('P363','P363 – Plan de relance');
INSERT INTO "offre_programme" VALUES('AUTRE','Autre');
CREATE TABLE "offre_publicspecifique" ("code" varchar(30) NOT NULL PRIMARY KEY, "libelle" varchar(200) NOT NULL);
INSERT INTO "offre_publicspecifique" VALUES('PMR','Personnes à mobilité réduite');
INSERT INTO "offre_publicspecifique" VALUES('FVV','Femmes victimes de violence');
INSERT INTO "offre_publicspecifique" VALUES('LGBT','Personnes LGBT+');
INSERT INTO "offre_publicspecifique" VALUES('SORTANTS_PRISON','Sortants de prison');
INSERT INTO "offre_publicspecifique" VALUES('MINEURS','Mineurs non accompagnés / jeunes majeurs');
INSERT INTO "offre_publicspecifique" VALUES('SANTE','Personnes malades ou en soins');
CREATE TABLE "offre_typedispositif" ("code" varchar(30) NOT NULL PRIMARY KEY, "libelle" varchar(200) NOT NULL, "regime" varchar(20) NOT NULL, "cout_journalier_reference" decimal NULL, "validation_directe_siao" bool NOT NULL, "ordre" smallint unsigned NOT NULL CHECK ("ordre" >= 0), "nature_id" varchar(30) NOT NULL REFERENCES "offre_nature" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "type_libelle_unique" UNIQUE ("nature_id", "libelle"), CONSTRAINT "type_ordre_borne" CHECK (("ordre" >= 0 AND "ordre" <= 10000)), CONSTRAINT "type_cout_reference_borne" CHECK (("cout_journalier_reference" IS NULL OR ("cout_journalier_reference" >= '0' AND "cout_journalier_reference" <= '1000'))));
INSERT INTO "offre_typedispositif" VALUES('IML_SOUS_LOC','Location – sous-location','aucun',NULL,0,0,'LOG_IML','iml sous loc location sous location');
INSERT INTO "offre_typedispositif" VALUES('IML_MANDAT','Mandat de gestion','aucun',NULL,0,1,'LOG_IML','iml mandat mandat de gestion');
INSERT INTO "offre_typedispositif" VALUES('IML_CHEZ_SOI','Un chez-soi d''abord','aucun',NULL,0,2,'LOG_IML','iml chez soi un chez soi d abord');
INSERT INTO "offre_typedispositif" VALUES('RS_PENSION','Pension de famille','aucun',NULL,0,3,'LOG_RS','rs pension pension de famille');
INSERT INTO "offre_typedispositif" VALUES('RS_ACCUEIL','Résidence accueil','aucun',NULL,0,4,'LOG_RS','rs accueil residence accueil');
INSERT INTO "offre_typedispositif" VALUES('RS_FJT','FJT','aucun',NULL,0,5,'LOG_RS','rs fjt fjt');
INSERT INTO "offre_typedispositif" VALUES('RS_FTM','FTM','aucun',NULL,0,6,'LOG_RS','rs ftm ftm');
INSERT INTO "offre_typedispositif" VALUES('RS_CLASSIQUE','Résidence sociale classique','aucun',NULL,0,7,'LOG_RS','rs classique residence sociale classique');
INSERT INTO "offre_typedispositif" VALUES('RS_INCLUSIF','Habitat inclusif','aucun',NULL,0,8,'LOG_RS','rs inclusif habitat inclusif');
INSERT INTO "offre_typedispositif" VALUES('HEB_CHRS','CHRS','autorisation',NULL,0,9,'HEB','heb chrs chrs');
INSERT INTO "offre_typedispositif" VALUES('HEB_HORS_CHRS','Centre d''hébergement hors CHRS','aucun',NULL,0,10,'HEB','heb hors chrs centre d hebergement hors chrs');
INSERT INTO "offre_typedispositif" VALUES('HEB_HOTEL','Hôtel','aucun',NULL,1,11,'HEB','heb hotel hotel');
INSERT INTO "offre_typedispositif" VALUES('HEB_RHVS','RHVS','aucun',NULL,1,12,'HEB','heb rhvs rhvs');
INSERT INTO "offre_typedispositif" VALUES('HEB_MEDICO','Hébergement médico-social (LAM, LHSS, autre)','autorisation',NULL,0,13,'HEB','heb medico hebergement medico social lam lhss autre');
INSERT INTO "offre_typedispositif" VALUES('HEB_AUTRES','Autres (gymnases, écoles…)','aucun',NULL,1,14,'HEB','heb autres autres gymnases ecoles');
INSERT INTO "offre_typedispositif" VALUES('VS_MARAUDE','Maraude','aucun',NULL,1,15,'VEILLE','vs maraude maraude');
INSERT INTO "offre_typedispositif" VALUES('VS_ACCUEIL_JOUR','Accueil de jour','aucun',NULL,1,16,'VEILLE','vs accueil jour accueil de jour');
INSERT INTO "offre_typedispositif" VALUES('VS_HALTE_NUIT','Halte de nuit','aucun',NULL,1,17,'VEILLE','vs halte nuit halte de nuit');
INSERT INTO "offre_typedispositif" VALUES('VS_SAO','SAO','aucun',NULL,1,18,'VEILLE','vs sao sao');
INSERT INTO "offre_typedispositif" VALUES('VS_ALIMENTAIRE','Aide alimentaire','aucun',NULL,1,19,'VEILLE','vs alimentaire aide alimentaire');
INSERT INTO "offre_typedispositif" VALUES('ACC_AVDL','AVDL','aucun',NULL,0,20,'ACCOMP','acc avdl avdl');
INSERT INTO "offre_typedispositif" VALUES('ACC_ASLL','ASLL','aucun',NULL,0,21,'ACCOMP','acc asll asll');
INSERT INTO "offre_typedispositif" VALUES('ACC_PASH','PASH','aucun',NULL,0,22,'ACCOMP','acc pash pash');
INSERT INTO "offre_typedispositif" VALUES('ACC_HLM_CHRS','HLM (CHRS)','aucun',NULL,0,23,'ACCOMP','acc hlm chrs hlm chrs');
INSERT INTO "offre_typedispositif" VALUES('ACC_EMPLOI','Accompagnement emploi','aucun',NULL,0,24,'ACCOMP','acc emploi accompagnement emploi');
INSERT INTO "offre_typedispositif" VALUES('ACC_AUTRE','Autre (LDA)','aucun',NULL,0,25,'ACCOMP','acc autre autre lda');
INSERT INTO "offre_typedispositif" VALUES('PA_DNA','DNA','aucun',NULL,1,26,'PREMIER_ACCUEIL','pa dna dna');
INSERT INTO "offre_typedispositif" VALUES('PA_AGIR','AGIR','aucun',NULL,1,27,'PREMIER_ACCUEIL','pa agir agir');
INSERT INTO "offre_typedispositif" VALUES('PA_PEX','PEX','aucun',NULL,1,28,'PREMIER_ACCUEIL','pa pex pex');
INSERT INTO "offre_typedispositif" VALUES('PA_SECTEUR','Secteur (CCAS ou département)','aucun',NULL,1,29,'PREMIER_ACCUEIL','pa secteur secteur ccas ou departement');
INSERT INTO "offre_typedispositif" VALUES('PA_SANTE','Santé','aucun',NULL,1,30,'PREMIER_ACCUEIL','pa sante sante');
INSERT INTO "offre_typedispositif" VALUES('PA_SPIP','SPIP','aucun',NULL,1,31,'PREMIER_ACCUEIL','pa spip spip');
INSERT INTO "offre_typedispositif" VALUES('PA_EMPLOI','Emploi','aucun',NULL,1,32,'PREMIER_ACCUEIL','pa emploi emploi');
INSERT INTO "offre_typedispositif" VALUES('PA_AUTRE','Autre (dont bénévoles)','aucun',NULL,1,33,'PREMIER_ACCUEIL','pa autre autre dont benevoles');
INSERT INTO "offre_typedispositif" VALUES('CADA','CADA','autorisation',19.5,0,34,'DNA','cada cada');
INSERT INTO "offre_typedispositif" VALUES('HUDA','HUDA','declaration',17,0,35,'DNA','huda huda');
INSERT INTO "offre_typedispositif" VALUES('CAES','CAES','declaration',25,0,36,'DNA','caes caes');
INSERT INTO "offre_typedispositif" VALUES('CPH','CPH','autorisation',25,0,37,'DNA','cph cph');
INSERT INTO "offre_typedispositif" VALUES('PRAHDA','PRAHDA','marche_public',16.5,0,38,'DNA','prahda prahda');
CREATE TABLE "qualite_anomalie" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "regle" varchar(40) NOT NULL, "severite" varchar(10) NOT NULL, "cle" varchar(120) NOT NULL UNIQUE, "message" varchar(500) NOT NULL, "detectee_le" datetime NOT NULL, "vue_le" datetime NOT NULL, "resolue_le" datetime NULL, "justification" text NOT NULL, "justifiee_le" datetime NULL, "convention_id" bigint NULL REFERENCES "conventions_convention" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, "justifiee_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "anomalie_severite_valide" CHECK ("severite" IN ('haute', 'moyenne', 'basse')), CONSTRAINT "anomalie_regle_valide" CHECK ("regle" IN ('financees_sup_autorisees', 'conventionnees_sup_autorisees', 'ouvertes_sup_autorisees', 'autorisation_echue', 'financement_ferme', 'sans_financement', 'convention_echue', 'financement_sans_convention', 'cout_journalier', 'autorisees_manquantes', 'finess_manquant', 'siret_siren', 'sans_groupe', 'occupation_sous_cible')));
CREATE TABLE "schemas_actionschema" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "empreinte" varchar(40) NOT NULL, "libelle" text NOT NULL, "pilote" varchar(255) NOT NULL, "ordre" integer unsigned NOT NULL CHECK ("ordre" >= 0), "thematique_id" bigint NOT NULL REFERENCES "schemas_thematique" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "action_libelle_unique_par_thematique" UNIQUE ("thematique_id", "empreinte"), CONSTRAINT "action_ordre_borne" CHECK (("ordre" >= 0 AND "ordre" <= 10000)));
CREATE TABLE "schemas_campagneevaluation" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "libelle" varchar(200) NOT NULL, "date" date NOT NULL, "description" text NOT NULL, "schema_id" bigint NOT NULL REFERENCES "schemas_schemaregional" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "campagne_libelle_unique_par_schema" UNIQUE ("schema_id", "libelle"));
CREATE TABLE "schemas_evaluationaction" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "realisation" varchar(20) NOT NULL, "commentaire" text NOT NULL, "evalue_le" datetime NULL, "action_id" bigint NOT NULL REFERENCES "schemas_actionschema" ("id") DEFERRABLE INITIALLY DEFERRED, "campagne_id" bigint NOT NULL REFERENCES "schemas_campagneevaluation" ("id") DEFERRABLE INITIALLY DEFERRED, "evalue_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "evaluation_unique_par_campagne_et_action" UNIQUE ("campagne_id", "action_id"), CONSTRAINT "evaluation_realisation_valide" CHECK ("realisation" IN ('oui', 'partiellement', 'non', 'nc')));
CREATE TABLE "schemas_objectif" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "empreinte" varchar(40) NOT NULL, "numero" smallint unsigned NOT NULL CHECK ("numero" >= 0), "libelle" varchar(500) NOT NULL, "schema_id" bigint NOT NULL REFERENCES "schemas_schemaregional" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "objectif_numero_unique_par_schema" UNIQUE ("schema_id", "numero"), CONSTRAINT "objectif_libelle_unique_par_schema" UNIQUE ("schema_id", "empreinte"), CONSTRAINT "objectif_numero_borne" CHECK (("numero" >= 1 AND "numero" <= 999)));
CREATE TABLE "schemas_schemaregional" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "titre" varchar(255) NOT NULL, "annee_debut" smallint unsigned NOT NULL CHECK ("annee_debut" >= 0), "annee_fin" smallint unsigned NOT NULL CHECK ("annee_fin" >= 0), "adopte_le" date NULL, "description" text NOT NULL, "region_id" varchar(2) NOT NULL REFERENCES "territoires_region" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "schema_periode_ordonnee" CHECK ("annee_fin" >= ("annee_debut")), CONSTRAINT "schema_unique_par_region_et_periode" UNIQUE ("region_id", "annee_debut", "annee_fin"), CONSTRAINT "schema_annee_debut_borne" CHECK (("annee_debut" >= 2000 AND "annee_debut" <= 2100)), CONSTRAINT "schema_annee_fin_borne" CHECK (("annee_fin" >= 2000 AND "annee_fin" <= 2100)));
CREATE TABLE "schemas_thematique" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "empreinte" varchar(40) NOT NULL, "libelle" varchar(500) NOT NULL, "ordre" integer unsigned NOT NULL CHECK ("ordre" >= 0), "objectif_id" bigint NOT NULL REFERENCES "schemas_objectif" ("id") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL, CONSTRAINT "thematique_libelle_unique_par_objectif" UNIQUE ("objectif_id", "empreinte"), CONSTRAINT "thematique_ordre_borne" CHECK (("ordre" >= 0 AND "ordre" <= 10000)));
CREATE TABLE "signalements_signalement" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "recherche" text NOT NULL, "etat_depuis" datetime NOT NULL, "categorie" varchar(20) NOT NULL, "date_evenement" date NOT NULL, "faits" text NOT NULL, "usagers_concernes" integer unsigned NOT NULL CHECK ("usagers_concernes" >= 0), "personnels_concernes" integer unsigned NOT NULL CHECK ("personnels_concernes" >= 0), "mesures_prises" text NOT NULL, "suites_envisagees" text NOT NULL, "impact_mediatique" bool NOT NULL, "etat" varchar(20) NOT NULL, "declare_le" datetime NOT NULL, "pour_le_compte" bool NOT NULL, "conclusion" text NOT NULL, "declare_par_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "dispositif_id" bigint NOT NULL REFERENCES "offre_dispositif" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "signalement_etat_valide" CHECK ("etat" IN ('declare', 'en_analyse', 'clos', 'vers_controle')), CONSTRAINT "signalement_usagers_borne" CHECK (("usagers_concernes" >= 0 AND "usagers_concernes" <= 100000)), CONSTRAINT "signalement_personnels_borne" CHECK (("personnels_concernes" >= 0 AND "personnels_concernes" <= 100000)));
CREATE TABLE "taggit_tag" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL UNIQUE, "slug" varchar(100) NOT NULL UNIQUE);
CREATE TABLE "taggit_taggeditem" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" integer NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "tag_id" integer NOT NULL REFERENCES "taggit_tag" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "taggit_taggeditem_content_type_id_object_id_tag_id_4bb97a8e_uniq" UNIQUE ("content_type_id", "object_id", "tag_id"));
CREATE TABLE "territoires_departement" ("code" varchar(3) NOT NULL PRIMARY KEY, "nom" varchar(100) NOT NULL, "region_id" varchar(2) NOT NULL REFERENCES "territoires_region" ("code") DEFERRABLE INITIALLY DEFERRED, "recherche" text NOT NULL);
INSERT INTO "territoires_departement" VALUES('01','Ain','84','01 ain');
INSERT INTO "territoires_departement" VALUES('02','Aisne','32','02 aisne');
INSERT INTO "territoires_departement" VALUES('03','Allier','84','03 allier');
INSERT INTO "territoires_departement" VALUES('04','Alpes-de-Haute-Provence','93','04 alpes de haute provence');
INSERT INTO "territoires_departement" VALUES('05','Hautes-Alpes','93','05 hautes alpes');
INSERT INTO "territoires_departement" VALUES('06','Alpes-Maritimes','93','06 alpes maritimes');
INSERT INTO "territoires_departement" VALUES('07','Ardèche','84','07 ardeche');
INSERT INTO "territoires_departement" VALUES('08','Ardennes','44','08 ardennes');
INSERT INTO "territoires_departement" VALUES('09','Ariège','76','09 ariege');
INSERT INTO "territoires_departement" VALUES('10','Aube','44','10 aube');
INSERT INTO "territoires_departement" VALUES('11','Aude','76','11 aude');
INSERT INTO "territoires_departement" VALUES('12','Aveyron','76','12 aveyron');
INSERT INTO "territoires_departement" VALUES('13','Bouches-du-Rhône','93','13 bouches du rhone');
INSERT INTO "territoires_departement" VALUES('14','Calvados','28','14 calvados');
INSERT INTO "territoires_departement" VALUES('15','Cantal','84','15 cantal');
INSERT INTO "territoires_departement" VALUES('16','Charente','75','16 charente');
INSERT INTO "territoires_departement" VALUES('17','Charente-Maritime','75','17 charente maritime');
INSERT INTO "territoires_departement" VALUES('18','Cher','24','18 cher');
INSERT INTO "territoires_departement" VALUES('19','Corrèze','75','19 correze');
INSERT INTO "territoires_departement" VALUES('2A','Corse-du-Sud','94','2a corse du sud');
INSERT INTO "territoires_departement" VALUES('2B','Haute-Corse','94','2b haute corse');
INSERT INTO "territoires_departement" VALUES('21','Côte-d''Or','27','21 cote d or');
INSERT INTO "territoires_departement" VALUES('22','Côtes-d''Armor','53','22 cotes d armor');
INSERT INTO "territoires_departement" VALUES('23','Creuse','75','23 creuse');
INSERT INTO "territoires_departement" VALUES('24','Dordogne','75','24 dordogne');
INSERT INTO "territoires_departement" VALUES('25','Doubs','27','25 doubs');
INSERT INTO "territoires_departement" VALUES('26','Drôme','84','26 drome');
INSERT INTO "territoires_departement" VALUES('27','Eure','28','27 eure');
INSERT INTO "territoires_departement" VALUES('28','Eure-et-Loir','24','28 eure et loir');
INSERT INTO "territoires_departement" VALUES('29','Finistère','53','29 finistere');
INSERT INTO "territoires_departement" VALUES('30','Gard','76','30 gard');
INSERT INTO "territoires_departement" VALUES('31','Haute-Garonne','76','31 haute garonne');
INSERT INTO "territoires_departement" VALUES('32','Gers','76','32 gers');
INSERT INTO "territoires_departement" VALUES('33','Gironde','75','33 gironde');
INSERT INTO "territoires_departement" VALUES('34','Hérault','76','34 herault');
INSERT INTO "territoires_departement" VALUES('35','Ille-et-Vilaine','53','35 ille et vilaine');
INSERT INTO "territoires_departement" VALUES('36','Indre','24','36 indre');
INSERT INTO "territoires_departement" VALUES('37','Indre-et-Loire','24','37 indre et loire');
INSERT INTO "territoires_departement" VALUES('38','Isère','84','38 isere');
INSERT INTO "territoires_departement" VALUES('39','Jura','27','39 jura');
INSERT INTO "territoires_departement" VALUES('40','Landes','75','40 landes');
INSERT INTO "territoires_departement" VALUES('41','Loir-et-Cher','24','41 loir et cher');
INSERT INTO "territoires_departement" VALUES('42','Loire','84','42 loire');
INSERT INTO "territoires_departement" VALUES('43','Haute-Loire','84','43 haute loire');
INSERT INTO "territoires_departement" VALUES('44','Loire-Atlantique','52','44 loire atlantique');
INSERT INTO "territoires_departement" VALUES('45','Loiret','24','45 loiret');
INSERT INTO "territoires_departement" VALUES('46','Lot','76','46 lot');
INSERT INTO "territoires_departement" VALUES('47','Lot-et-Garonne','75','47 lot et garonne');
INSERT INTO "territoires_departement" VALUES('48','Lozère','76','48 lozere');
INSERT INTO "territoires_departement" VALUES('49','Maine-et-Loire','52','49 maine et loire');
INSERT INTO "territoires_departement" VALUES('50','Manche','28','50 manche');
INSERT INTO "territoires_departement" VALUES('51','Marne','44','51 marne');
INSERT INTO "territoires_departement" VALUES('52','Haute-Marne','44','52 haute marne');
INSERT INTO "territoires_departement" VALUES('53','Mayenne','52','53 mayenne');
INSERT INTO "territoires_departement" VALUES('54','Meurthe-et-Moselle','44','54 meurthe et moselle');
INSERT INTO "territoires_departement" VALUES('55','Meuse','44','55 meuse');
INSERT INTO "territoires_departement" VALUES('56','Morbihan','53','56 morbihan');
INSERT INTO "territoires_departement" VALUES('57','Moselle','44','57 moselle');
INSERT INTO "territoires_departement" VALUES('58','Nièvre','27','58 nievre');
INSERT INTO "territoires_departement" VALUES('59','Nord','32','59 nord');
INSERT INTO "territoires_departement" VALUES('60','Oise','32','60 oise');
INSERT INTO "territoires_departement" VALUES('61','Orne','28','61 orne');
INSERT INTO "territoires_departement" VALUES('62','Pas-de-Calais','32','62 pas de calais');
INSERT INTO "territoires_departement" VALUES('63','Puy-de-Dôme','84','63 puy de dome');
INSERT INTO "territoires_departement" VALUES('64','Pyrénées-Atlantiques','75','64 pyrenees atlantiques');
INSERT INTO "territoires_departement" VALUES('65','Hautes-Pyrénées','76','65 hautes pyrenees');
INSERT INTO "territoires_departement" VALUES('66','Pyrénées-Orientales','76','66 pyrenees orientales');
INSERT INTO "territoires_departement" VALUES('67','Bas-Rhin','44','67 bas rhin');
INSERT INTO "territoires_departement" VALUES('68','Haut-Rhin','44','68 haut rhin');
INSERT INTO "territoires_departement" VALUES('69','Rhône','84','69 rhone');
INSERT INTO "territoires_departement" VALUES('70','Haute-Saône','27','70 haute saone');
INSERT INTO "territoires_departement" VALUES('71','Saône-et-Loire','27','71 saone et loire');
INSERT INTO "territoires_departement" VALUES('72','Sarthe','52','72 sarthe');
INSERT INTO "territoires_departement" VALUES('73','Savoie','84','73 savoie');
INSERT INTO "territoires_departement" VALUES('74','Haute-Savoie','84','74 haute savoie');
INSERT INTO "territoires_departement" VALUES('75','Paris','11','75 paris');
INSERT INTO "territoires_departement" VALUES('76','Seine-Maritime','28','76 seine maritime');
INSERT INTO "territoires_departement" VALUES('77','Seine-et-Marne','11','77 seine et marne');
INSERT INTO "territoires_departement" VALUES('78','Yvelines','11','78 yvelines');
INSERT INTO "territoires_departement" VALUES('79','Deux-Sèvres','75','79 deux sevres');
INSERT INTO "territoires_departement" VALUES('80','Somme','32','80 somme');
INSERT INTO "territoires_departement" VALUES('81','Tarn','76','81 tarn');
INSERT INTO "territoires_departement" VALUES('82','Tarn-et-Garonne','76','82 tarn et garonne');
INSERT INTO "territoires_departement" VALUES('83','Var','93','83 var');
INSERT INTO "territoires_departement" VALUES('84','Vaucluse','93','84 vaucluse');
INSERT INTO "territoires_departement" VALUES('85','Vendée','52','85 vendee');
INSERT INTO "territoires_departement" VALUES('86','Vienne','75','86 vienne');
INSERT INTO "territoires_departement" VALUES('87','Haute-Vienne','75','87 haute vienne');
INSERT INTO "territoires_departement" VALUES('88','Vosges','44','88 vosges');
INSERT INTO "territoires_departement" VALUES('89','Yonne','27','89 yonne');
INSERT INTO "territoires_departement" VALUES('90','Territoire de Belfort','27','90 territoire de belfort');
INSERT INTO "territoires_departement" VALUES('91','Essonne','11','91 essonne');
INSERT INTO "territoires_departement" VALUES('92','Hauts-de-Seine','11','92 hauts de seine');
INSERT INTO "territoires_departement" VALUES('93','Seine-Saint-Denis','11','93 seine saint denis');
INSERT INTO "territoires_departement" VALUES('94','Val-de-Marne','11','94 val de marne');
INSERT INTO "territoires_departement" VALUES('95','Val-d''Oise','11','95 val d oise');
INSERT INTO "territoires_departement" VALUES('971','Guadeloupe','01','971 guadeloupe');
INSERT INTO "territoires_departement" VALUES('972','Martinique','02','972 martinique');
INSERT INTO "territoires_departement" VALUES('973','Guyane','03','973 guyane');
INSERT INTO "territoires_departement" VALUES('974','La Réunion','04','974 la reunion');
INSERT INTO "territoires_departement" VALUES('976','Mayotte','06','976 mayotte');
CREATE TABLE "territoires_region" ("code" varchar(2) NOT NULL PRIMARY KEY, "nom" varchar(100) NOT NULL, "recherche" text NOT NULL);
INSERT INTO "territoires_region" VALUES('01','Guadeloupe','01 guadeloupe');
INSERT INTO "territoires_region" VALUES('02','Martinique','02 martinique');
INSERT INTO "territoires_region" VALUES('03','Guyane','03 guyane');
INSERT INTO "territoires_region" VALUES('04','La Réunion','04 la reunion');
INSERT INTO "territoires_region" VALUES('06','Mayotte','06 mayotte');
INSERT INTO "territoires_region" VALUES('11','Île-de-France','11 ile de france');
INSERT INTO "territoires_region" VALUES('24','Centre-Val de Loire','24 centre val de loire');
INSERT INTO "territoires_region" VALUES('27','Bourgogne-Franche-Comté','27 bourgogne franche comte');
INSERT INTO "territoires_region" VALUES('28','Normandie','28 normandie');
INSERT INTO "territoires_region" VALUES('32','Hauts-de-France','32 hauts de france');
INSERT INTO "territoires_region" VALUES('44','Grand Est','44 grand est');
INSERT INTO "territoires_region" VALUES('52','Pays de la Loire','52 pays de la loire');
INSERT INTO "territoires_region" VALUES('53','Bretagne','53 bretagne');
INSERT INTO "territoires_region" VALUES('75','Nouvelle-Aquitaine','75 nouvelle aquitaine');
INSERT INTO "territoires_region" VALUES('76','Occitanie','76 occitanie');
INSERT INTO "territoires_region" VALUES('84','Auvergne-Rhône-Alpes','84 auvergne rhone alpes');
INSERT INTO "territoires_region" VALUES('93','Provence-Alpes-Côte d''Azur','93 provence alpes cote d azur');
INSERT INTO "territoires_region" VALUES('94','Corse','94 corse');
CREATE TABLE "territoires_siao" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "nom" varchar(200) NOT NULL UNIQUE, "recherche" text NOT NULL);
INSERT INTO "territoires_siao" VALUES(1,'SIAO Ain (01)','siao ain 01');
INSERT INTO "territoires_siao" VALUES(2,'SIAO Aisne (02)','siao aisne 02');
INSERT INTO "territoires_siao" VALUES(3,'SIAO Allier (03)','siao allier 03');
INSERT INTO "territoires_siao" VALUES(4,'SIAO Alpes-de-Haute-Provence (04)','siao alpes de haute provence 04');
INSERT INTO "territoires_siao" VALUES(5,'SIAO Hautes-Alpes (05)','siao hautes alpes 05');
INSERT INTO "territoires_siao" VALUES(6,'SIAO Alpes-Maritimes (06)','siao alpes maritimes 06');
INSERT INTO "territoires_siao" VALUES(7,'SIAO Ardèche (07)','siao ardeche 07');
INSERT INTO "territoires_siao" VALUES(8,'SIAO Ardennes (08)','siao ardennes 08');
INSERT INTO "territoires_siao" VALUES(9,'SIAO Ariège (09)','siao ariege 09');
INSERT INTO "territoires_siao" VALUES(10,'SIAO Aube (10)','siao aube 10');
INSERT INTO "territoires_siao" VALUES(11,'SIAO Aude (11)','siao aude 11');
INSERT INTO "territoires_siao" VALUES(12,'SIAO Aveyron (12)','siao aveyron 12');
INSERT INTO "territoires_siao" VALUES(13,'SIAO Bouches-du-Rhône (13)','siao bouches du rhone 13');
INSERT INTO "territoires_siao" VALUES(14,'SIAO Calvados (14)','siao calvados 14');
INSERT INTO "territoires_siao" VALUES(15,'SIAO Cantal (15)','siao cantal 15');
INSERT INTO "territoires_siao" VALUES(16,'SIAO Charente (16)','siao charente 16');
INSERT INTO "territoires_siao" VALUES(17,'SIAO Charente-Maritime (17)','siao charente maritime 17');
INSERT INTO "territoires_siao" VALUES(18,'SIAO Cher (18)','siao cher 18');
INSERT INTO "territoires_siao" VALUES(19,'SIAO Corrèze (19)','siao correze 19');
INSERT INTO "territoires_siao" VALUES(20,'SIAO Corse-du-Sud (2A)','siao corse du sud 2a');
INSERT INTO "territoires_siao" VALUES(21,'SIAO Haute-Corse (2B)','siao haute corse 2b');
INSERT INTO "territoires_siao" VALUES(22,'SIAO Côte-d''Or (21)','siao cote d or 21');
INSERT INTO "territoires_siao" VALUES(23,'SIAO Côtes-d''Armor (22)','siao cotes d armor 22');
INSERT INTO "territoires_siao" VALUES(24,'SIAO Creuse (23)','siao creuse 23');
INSERT INTO "territoires_siao" VALUES(25,'SIAO Dordogne (24)','siao dordogne 24');
INSERT INTO "territoires_siao" VALUES(26,'SIAO Doubs (25)','siao doubs 25');
INSERT INTO "territoires_siao" VALUES(27,'SIAO Drôme (26)','siao drome 26');
INSERT INTO "territoires_siao" VALUES(28,'SIAO Eure (27)','siao eure 27');
INSERT INTO "territoires_siao" VALUES(29,'SIAO Eure-et-Loir (28)','siao eure et loir 28');
INSERT INTO "territoires_siao" VALUES(30,'SIAO Finistère (29)','siao finistere 29');
INSERT INTO "territoires_siao" VALUES(31,'SIAO Gard (30)','siao gard 30');
INSERT INTO "territoires_siao" VALUES(32,'SIAO Haute-Garonne (31)','siao haute garonne 31');
INSERT INTO "territoires_siao" VALUES(33,'SIAO Gers (32)','siao gers 32');
INSERT INTO "territoires_siao" VALUES(34,'SIAO Gironde (33)','siao gironde 33');
INSERT INTO "territoires_siao" VALUES(35,'SIAO Hérault (34)','siao herault 34');
INSERT INTO "territoires_siao" VALUES(36,'SIAO Ille-et-Vilaine (35)','siao ille et vilaine 35');
INSERT INTO "territoires_siao" VALUES(37,'SIAO Indre (36)','siao indre 36');
INSERT INTO "territoires_siao" VALUES(38,'SIAO Indre-et-Loire (37)','siao indre et loire 37');
INSERT INTO "territoires_siao" VALUES(39,'SIAO Isère (38)','siao isere 38');
INSERT INTO "territoires_siao" VALUES(40,'SIAO Jura (39)','siao jura 39');
INSERT INTO "territoires_siao" VALUES(41,'SIAO Landes (40)','siao landes 40');
INSERT INTO "territoires_siao" VALUES(42,'SIAO Loir-et-Cher (41)','siao loir et cher 41');
INSERT INTO "territoires_siao" VALUES(43,'SIAO Loire (42)','siao loire 42');
INSERT INTO "territoires_siao" VALUES(44,'SIAO Haute-Loire (43)','siao haute loire 43');
INSERT INTO "territoires_siao" VALUES(45,'SIAO Loire-Atlantique (44)','siao loire atlantique 44');
INSERT INTO "territoires_siao" VALUES(46,'SIAO Loiret (45)','siao loiret 45');
INSERT INTO "territoires_siao" VALUES(47,'SIAO Lot (46)','siao lot 46');
INSERT INTO "territoires_siao" VALUES(48,'SIAO Lot-et-Garonne (47)','siao lot et garonne 47');
INSERT INTO "territoires_siao" VALUES(49,'SIAO Lozère (48)','siao lozere 48');
INSERT INTO "territoires_siao" VALUES(50,'SIAO Maine-et-Loire (49)','siao maine et loire 49');
INSERT INTO "territoires_siao" VALUES(51,'SIAO Manche (50)','siao manche 50');
INSERT INTO "territoires_siao" VALUES(52,'SIAO Marne (51)','siao marne 51');
INSERT INTO "territoires_siao" VALUES(53,'SIAO Haute-Marne (52)','siao haute marne 52');
INSERT INTO "territoires_siao" VALUES(54,'SIAO Mayenne (53)','siao mayenne 53');
INSERT INTO "territoires_siao" VALUES(55,'SIAO Meurthe-et-Moselle (54)','siao meurthe et moselle 54');
INSERT INTO "territoires_siao" VALUES(56,'SIAO Meuse (55)','siao meuse 55');
INSERT INTO "territoires_siao" VALUES(57,'SIAO Morbihan (56)','siao morbihan 56');
INSERT INTO "territoires_siao" VALUES(58,'SIAO Moselle (57)','siao moselle 57');
INSERT INTO "territoires_siao" VALUES(59,'SIAO Nièvre (58)','siao nievre 58');
INSERT INTO "territoires_siao" VALUES(60,'SIAO Nord (59)','siao nord 59');
INSERT INTO "territoires_siao" VALUES(61,'SIAO Oise (60)','siao oise 60');
INSERT INTO "territoires_siao" VALUES(62,'SIAO Orne (61)','siao orne 61');
INSERT INTO "territoires_siao" VALUES(63,'SIAO Pas-de-Calais (62)','siao pas de calais 62');
INSERT INTO "territoires_siao" VALUES(64,'SIAO Puy-de-Dôme (63)','siao puy de dome 63');
INSERT INTO "territoires_siao" VALUES(65,'SIAO Pyrénées-Atlantiques (64)','siao pyrenees atlantiques 64');
INSERT INTO "territoires_siao" VALUES(66,'SIAO Hautes-Pyrénées (65)','siao hautes pyrenees 65');
INSERT INTO "territoires_siao" VALUES(67,'SIAO Pyrénées-Orientales (66)','siao pyrenees orientales 66');
INSERT INTO "territoires_siao" VALUES(68,'SIAO Bas-Rhin (67)','siao bas rhin 67');
INSERT INTO "territoires_siao" VALUES(69,'SIAO Haut-Rhin (68)','siao haut rhin 68');
INSERT INTO "territoires_siao" VALUES(70,'SIAO Rhône (69)','siao rhone 69');
INSERT INTO "territoires_siao" VALUES(71,'SIAO Haute-Saône (70)','siao haute saone 70');
INSERT INTO "territoires_siao" VALUES(72,'SIAO Saône-et-Loire (71)','siao saone et loire 71');
INSERT INTO "territoires_siao" VALUES(73,'SIAO Sarthe (72)','siao sarthe 72');
INSERT INTO "territoires_siao" VALUES(74,'SIAO Savoie (73)','siao savoie 73');
INSERT INTO "territoires_siao" VALUES(75,'SIAO Haute-Savoie (74)','siao haute savoie 74');
INSERT INTO "territoires_siao" VALUES(76,'SIAO Paris (75)','siao paris 75');
INSERT INTO "territoires_siao" VALUES(77,'SIAO Seine-Maritime (76)','siao seine maritime 76');
INSERT INTO "territoires_siao" VALUES(78,'SIAO Seine-et-Marne (77)','siao seine et marne 77');
INSERT INTO "territoires_siao" VALUES(79,'SIAO Yvelines (78)','siao yvelines 78');
INSERT INTO "territoires_siao" VALUES(80,'SIAO Deux-Sèvres (79)','siao deux sevres 79');
INSERT INTO "territoires_siao" VALUES(81,'SIAO Somme (80)','siao somme 80');
INSERT INTO "territoires_siao" VALUES(82,'SIAO Tarn (81)','siao tarn 81');
INSERT INTO "territoires_siao" VALUES(83,'SIAO Tarn-et-Garonne (82)','siao tarn et garonne 82');
INSERT INTO "territoires_siao" VALUES(84,'SIAO Var (83)','siao var 83');
INSERT INTO "territoires_siao" VALUES(85,'SIAO Vaucluse (84)','siao vaucluse 84');
INSERT INTO "territoires_siao" VALUES(86,'SIAO Vendée (85)','siao vendee 85');
INSERT INTO "territoires_siao" VALUES(87,'SIAO Vienne (86)','siao vienne 86');
INSERT INTO "territoires_siao" VALUES(88,'SIAO Haute-Vienne (87)','siao haute vienne 87');
INSERT INTO "territoires_siao" VALUES(89,'SIAO Vosges (88)','siao vosges 88');
INSERT INTO "territoires_siao" VALUES(90,'SIAO Yonne (89)','siao yonne 89');
INSERT INTO "territoires_siao" VALUES(91,'SIAO Territoire de Belfort (90)','siao territoire de belfort 90');
INSERT INTO "territoires_siao" VALUES(92,'SIAO Essonne (91)','siao essonne 91');
INSERT INTO "territoires_siao" VALUES(93,'SIAO Hauts-de-Seine (92)','siao hauts de seine 92');
INSERT INTO "territoires_siao" VALUES(94,'SIAO Seine-Saint-Denis (93)','siao seine saint denis 93');
INSERT INTO "territoires_siao" VALUES(95,'SIAO Val-de-Marne (94)','siao val de marne 94');
INSERT INTO "territoires_siao" VALUES(96,'SIAO Val-d''Oise (95)','siao val d oise 95');
INSERT INTO "territoires_siao" VALUES(97,'SIAO Guadeloupe (971)','siao guadeloupe 971');
INSERT INTO "territoires_siao" VALUES(98,'SIAO Martinique (972)','siao martinique 972');
INSERT INTO "territoires_siao" VALUES(99,'SIAO Guyane (973)','siao guyane 973');
INSERT INTO "territoires_siao" VALUES(100,'SIAO La Réunion (974)','siao la reunion 974');
INSERT INTO "territoires_siao" VALUES(101,'SIAO Mayotte (976)','siao mayotte 976');
CREATE TABLE "territoires_siao_departements" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "siao_id" bigint NOT NULL REFERENCES "territoires_siao" ("id") DEFERRABLE INITIALLY DEFERRED, "departement_id" varchar(3) NOT NULL REFERENCES "territoires_departement" ("code") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "territoires_siao_departements" VALUES(1,1,'01');
INSERT INTO "territoires_siao_departements" VALUES(2,2,'02');
INSERT INTO "territoires_siao_departements" VALUES(3,3,'03');
INSERT INTO "territoires_siao_departements" VALUES(4,4,'04');
INSERT INTO "territoires_siao_departements" VALUES(5,5,'05');
INSERT INTO "territoires_siao_departements" VALUES(6,6,'06');
INSERT INTO "territoires_siao_departements" VALUES(7,7,'07');
INSERT INTO "territoires_siao_departements" VALUES(8,8,'08');
INSERT INTO "territoires_siao_departements" VALUES(9,9,'09');
INSERT INTO "territoires_siao_departements" VALUES(10,10,'10');
INSERT INTO "territoires_siao_departements" VALUES(11,11,'11');
INSERT INTO "territoires_siao_departements" VALUES(12,12,'12');
INSERT INTO "territoires_siao_departements" VALUES(13,13,'13');
INSERT INTO "territoires_siao_departements" VALUES(14,14,'14');
INSERT INTO "territoires_siao_departements" VALUES(15,15,'15');
INSERT INTO "territoires_siao_departements" VALUES(16,16,'16');
INSERT INTO "territoires_siao_departements" VALUES(17,17,'17');
INSERT INTO "territoires_siao_departements" VALUES(18,18,'18');
INSERT INTO "territoires_siao_departements" VALUES(19,19,'19');
INSERT INTO "territoires_siao_departements" VALUES(20,20,'2A');
INSERT INTO "territoires_siao_departements" VALUES(21,21,'2B');
INSERT INTO "territoires_siao_departements" VALUES(22,22,'21');
INSERT INTO "territoires_siao_departements" VALUES(23,23,'22');
INSERT INTO "territoires_siao_departements" VALUES(24,24,'23');
INSERT INTO "territoires_siao_departements" VALUES(25,25,'24');
INSERT INTO "territoires_siao_departements" VALUES(26,26,'25');
INSERT INTO "territoires_siao_departements" VALUES(27,27,'26');
INSERT INTO "territoires_siao_departements" VALUES(28,28,'27');
INSERT INTO "territoires_siao_departements" VALUES(29,29,'28');
INSERT INTO "territoires_siao_departements" VALUES(30,30,'29');
INSERT INTO "territoires_siao_departements" VALUES(31,31,'30');
INSERT INTO "territoires_siao_departements" VALUES(32,32,'31');
INSERT INTO "territoires_siao_departements" VALUES(33,33,'32');
INSERT INTO "territoires_siao_departements" VALUES(34,34,'33');
INSERT INTO "territoires_siao_departements" VALUES(35,35,'34');
INSERT INTO "territoires_siao_departements" VALUES(36,36,'35');
INSERT INTO "territoires_siao_departements" VALUES(37,37,'36');
INSERT INTO "territoires_siao_departements" VALUES(38,38,'37');
INSERT INTO "territoires_siao_departements" VALUES(39,39,'38');
INSERT INTO "territoires_siao_departements" VALUES(40,40,'39');
INSERT INTO "territoires_siao_departements" VALUES(41,41,'40');
INSERT INTO "territoires_siao_departements" VALUES(42,42,'41');
INSERT INTO "territoires_siao_departements" VALUES(43,43,'42');
INSERT INTO "territoires_siao_departements" VALUES(44,44,'43');
INSERT INTO "territoires_siao_departements" VALUES(45,45,'44');
INSERT INTO "territoires_siao_departements" VALUES(46,46,'45');
INSERT INTO "territoires_siao_departements" VALUES(47,47,'46');
INSERT INTO "territoires_siao_departements" VALUES(48,48,'47');
INSERT INTO "territoires_siao_departements" VALUES(49,49,'48');
INSERT INTO "territoires_siao_departements" VALUES(50,50,'49');
INSERT INTO "territoires_siao_departements" VALUES(51,51,'50');
INSERT INTO "territoires_siao_departements" VALUES(52,52,'51');
INSERT INTO "territoires_siao_departements" VALUES(53,53,'52');
INSERT INTO "territoires_siao_departements" VALUES(54,54,'53');
INSERT INTO "territoires_siao_departements" VALUES(55,55,'54');
INSERT INTO "territoires_siao_departements" VALUES(56,56,'55');
INSERT INTO "territoires_siao_departements" VALUES(57,57,'56');
INSERT INTO "territoires_siao_departements" VALUES(58,58,'57');
INSERT INTO "territoires_siao_departements" VALUES(59,59,'58');
INSERT INTO "territoires_siao_departements" VALUES(60,60,'59');
INSERT INTO "territoires_siao_departements" VALUES(61,61,'60');
INSERT INTO "territoires_siao_departements" VALUES(62,62,'61');
INSERT INTO "territoires_siao_departements" VALUES(63,63,'62');
INSERT INTO "territoires_siao_departements" VALUES(64,64,'63');
INSERT INTO "territoires_siao_departements" VALUES(65,65,'64');
INSERT INTO "territoires_siao_departements" VALUES(66,66,'65');
INSERT INTO "territoires_siao_departements" VALUES(67,67,'66');
INSERT INTO "territoires_siao_departements" VALUES(68,68,'67');
INSERT INTO "territoires_siao_departements" VALUES(69,69,'68');
INSERT INTO "territoires_siao_departements" VALUES(70,70,'69');
INSERT INTO "territoires_siao_departements" VALUES(71,71,'70');
INSERT INTO "territoires_siao_departements" VALUES(72,72,'71');
INSERT INTO "territoires_siao_departements" VALUES(73,73,'72');
INSERT INTO "territoires_siao_departements" VALUES(74,74,'73');
INSERT INTO "territoires_siao_departements" VALUES(75,75,'74');
INSERT INTO "territoires_siao_departements" VALUES(76,76,'75');
INSERT INTO "territoires_siao_departements" VALUES(77,77,'76');
INSERT INTO "territoires_siao_departements" VALUES(78,78,'77');
INSERT INTO "territoires_siao_departements" VALUES(79,79,'78');
INSERT INTO "territoires_siao_departements" VALUES(80,80,'79');
INSERT INTO "territoires_siao_departements" VALUES(81,81,'80');
INSERT INTO "territoires_siao_departements" VALUES(82,82,'81');
INSERT INTO "territoires_siao_departements" VALUES(83,83,'82');
INSERT INTO "territoires_siao_departements" VALUES(84,84,'83');
INSERT INTO "territoires_siao_departements" VALUES(85,85,'84');
INSERT INTO "territoires_siao_departements" VALUES(86,86,'85');
INSERT INTO "territoires_siao_departements" VALUES(87,87,'86');
INSERT INTO "territoires_siao_departements" VALUES(88,88,'87');
INSERT INTO "territoires_siao_departements" VALUES(89,89,'88');
INSERT INTO "territoires_siao_departements" VALUES(90,90,'89');
INSERT INTO "territoires_siao_departements" VALUES(91,91,'90');
INSERT INTO "territoires_siao_departements" VALUES(92,92,'91');
INSERT INTO "territoires_siao_departements" VALUES(93,93,'92');
INSERT INTO "territoires_siao_departements" VALUES(94,94,'93');
INSERT INTO "territoires_siao_departements" VALUES(95,95,'94');
INSERT INTO "territoires_siao_departements" VALUES(96,96,'95');
INSERT INTO "territoires_siao_departements" VALUES(97,97,'971');
INSERT INTO "territoires_siao_departements" VALUES(98,98,'972');
INSERT INTO "territoires_siao_departements" VALUES(99,99,'973');
INSERT INTO "territoires_siao_departements" VALUES(100,100,'974');
INSERT INTO "territoires_siao_departements" VALUES(101,101,'976');
CREATE TABLE "wagtailadmin_admin" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT);
CREATE TABLE "wagtailadmin_editingsession" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" varchar(255) NOT NULL, "last_seen_at" datetime NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "is_editing" bool NOT NULL);
CREATE TABLE "wagtailadmin_formstate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "data" text NOT NULL, "object_id" varchar(255) NOT NULL, "parent_object_id" varchar(255) NOT NULL, "last_updated_at" datetime NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_apitoken" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL, "key_hash" varchar(64) NOT NULL UNIQUE, "prefix" varchar(16) NOT NULL, "created" datetime NOT NULL, "revoked_at" datetime NULL, "last_used_at" datetime NULL, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_collection" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "path" varchar(255) NOT NULL UNIQUE, "depth" integer unsigned NOT NULL CHECK ("depth" >= 0), "numchild" integer unsigned NOT NULL CHECK ("numchild" >= 0), "name" varchar(255) NOT NULL);
INSERT INTO "wagtailcore_collection" VALUES(1,'0001',1,0,'Root');
CREATE TABLE "wagtailcore_collectionviewrestriction" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "restriction_type" varchar(20) NOT NULL, "password" varchar(255) NOT NULL, "collection_id" integer NOT NULL REFERENCES "wagtailcore_collection" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_collectionviewrestriction_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "collectionviewrestriction_id" integer NOT NULL REFERENCES "wagtailcore_collectionviewrestriction" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_comment" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "contentpath" text NOT NULL, "position" text NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "resolved_at" datetime NULL, "page_id" integer NOT NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "resolved_by_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "revision_created_id" integer NULL REFERENCES "wagtailcore_revision" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_commentreply" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "text" text NOT NULL, "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL, "comment_id" integer NOT NULL REFERENCES "wagtailcore_comment" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_groupapprovaltask" ("task_ptr_id" integer NOT NULL PRIMARY KEY REFERENCES "wagtailcore_task" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_groupapprovaltask" VALUES(1);
CREATE TABLE "wagtailcore_groupapprovaltask_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "groupapprovaltask_id" integer NOT NULL REFERENCES "wagtailcore_groupapprovaltask" ("task_ptr_id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_groupapprovaltask_groups" VALUES(1,1,1);
CREATE TABLE "wagtailcore_groupcollectionpermission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "collection_id" integer NOT NULL REFERENCES "wagtailcore_collection" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(1,1,2,166);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(2,1,1,166);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(3,1,2,167);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(4,1,1,167);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(5,1,2,169);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(6,1,1,169);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(7,1,2,171);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(8,1,1,171);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(9,1,2,172);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(10,1,1,172);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(11,1,2,174);
INSERT INTO "wagtailcore_groupcollectionpermission" VALUES(12,1,1,174);
CREATE TABLE "wagtailcore_grouppagepermission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "page_id" integer NOT NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "unique_permission" UNIQUE ("group_id", "page_id", "permission_id"));
INSERT INTO "wagtailcore_grouppagepermission" VALUES(1,1,1,54);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(2,1,1,55);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(3,1,1,140);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(4,2,1,54);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(5,2,1,55);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(6,1,1,139);
INSERT INTO "wagtailcore_grouppagepermission" VALUES(7,1,1,141);
CREATE TABLE "wagtailcore_groupsitepermission" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED, "permission_id" integer NOT NULL REFERENCES "auth_permission" ("id") DEFERRABLE INITIALLY DEFERRED, "site_id" integer NOT NULL REFERENCES "wagtailcore_site" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_locale" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "language_code" varchar(100) NOT NULL UNIQUE);
INSERT INTO "wagtailcore_locale" VALUES(1,'fr');
CREATE TABLE "wagtailcore_modellogentry" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" text NOT NULL, "action" varchar(255) NOT NULL, "timestamp" datetime NOT NULL, "content_changed" bool NOT NULL, "deleted" bool NOT NULL, "object_id" varchar(255) NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NULL, "uuid" char(32) NULL, "revision_id" integer NULL, "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)));
CREATE TABLE "wagtailcore_page" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "path" varchar(255) NOT NULL UNIQUE, "depth" integer unsigned NOT NULL CHECK ("depth" >= 0), "numchild" integer unsigned NOT NULL CHECK ("numchild" >= 0), "title" varchar(255) NOT NULL, "slug" varchar(255) NOT NULL, "live" bool NOT NULL, "has_unpublished_changes" bool NOT NULL, "url_path" text NOT NULL, "seo_title" varchar(255) NOT NULL, "show_in_menus" bool NOT NULL, "search_description" text NOT NULL, "go_live_at" datetime NULL, "expire_at" datetime NULL, "expired" bool NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "owner_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "locked" bool NOT NULL, "latest_revision_created_at" datetime NULL, "first_published_at" datetime NULL, "live_revision_id" integer NULL REFERENCES "wagtailcore_revision" ("id") DEFERRABLE INITIALLY DEFERRED, "last_published_at" datetime NULL, "draft_title" varchar(255) NOT NULL, "locked_at" datetime NULL, "locked_by_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "locale_id" integer NOT NULL REFERENCES "wagtailcore_locale" ("id") DEFERRABLE INITIALLY DEFERRED, "translation_key" char(32) NOT NULL, "alias_of_id" integer NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "latest_revision_id" integer NULL REFERENCES "wagtailcore_revision" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_page" VALUES(1,'0001',1,1,'Root','root',1,0,'/','',0,'',NULL,NULL,0,12,NULL,0,NULL,NULL,NULL,NULL,'Root',NULL,NULL,1,'ead1e3139457462ea1c45c9d4d4f4a07',NULL,NULL);
INSERT INTO "wagtailcore_page" VALUES(2,'00010001',2,0,'Welcome to your new Wagtail site!','home',1,0,'/home/','',0,'',NULL,NULL,0,12,NULL,0,NULL,NULL,NULL,NULL,'Welcome to your new Wagtail site!',NULL,NULL,1,'b7a29b2692d54083a89d28e4caed9de5',NULL,NULL);
CREATE TABLE "wagtailcore_pagelogentry" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "label" text NOT NULL, "action" varchar(255) NOT NULL, "timestamp" datetime NOT NULL, "content_changed" bool NOT NULL, "deleted" bool NOT NULL, "content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "page_id" integer NOT NULL, "revision_id" integer NULL, "user_id" integer NULL, "uuid" char(32) NULL, "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)));
CREATE TABLE "wagtailcore_pagesubscription" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "comment_notifications" bool NOT NULL, "page_id" integer NOT NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_pageviewrestriction" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "password" varchar(255) NOT NULL, "page_id" integer NOT NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "restriction_type" varchar(20) NOT NULL);
CREATE TABLE "wagtailcore_pageviewrestriction_groups" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "pageviewrestriction_id" integer NOT NULL REFERENCES "wagtailcore_pageviewrestriction" ("id") DEFERRABLE INITIALLY DEFERRED, "group_id" integer NOT NULL REFERENCES "auth_group" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_referenceindex" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "object_id" varchar(255) NOT NULL, "to_object_id" varchar(255) NOT NULL, "model_path" text NOT NULL, "content_path" text NOT NULL, "content_path_hash" char(32) NOT NULL, "base_content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "to_content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_revision" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created_at" datetime NOT NULL, "approved_go_live_at" datetime NULL, "user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "content" text NOT NULL CHECK ((JSON_VALID("content") OR "content" IS NULL)), "object_id" varchar(255) NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "base_content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "object_str" text NOT NULL);
CREATE TABLE "wagtailcore_site" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "hostname" varchar(255) NOT NULL, "port" integer NOT NULL, "is_default_site" bool NOT NULL, "root_page_id" integer NOT NULL REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "site_name" varchar(255) NOT NULL);
INSERT INTO "wagtailcore_site" VALUES(1,'localhost',80,1,2,'');
CREATE TABLE "wagtailcore_task" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL, "active" bool NOT NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_task" VALUES(1,'Moderators approval',1,22);
CREATE TABLE "wagtailcore_taskstate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "status" varchar(50) NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime NULL, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "task_id" integer NOT NULL REFERENCES "wagtailcore_task" ("id") DEFERRABLE INITIALLY DEFERRED, "workflow_state_id" integer NOT NULL REFERENCES "wagtailcore_workflowstate" ("id") DEFERRABLE INITIALLY DEFERRED, "finished_by_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "comment" text NOT NULL, "revision_id" integer NOT NULL REFERENCES "wagtailcore_revision" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_uploadedfile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "file" varchar(200) NOT NULL, "for_content_type_id" integer NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "uploaded_by_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_workflow" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(255) NOT NULL, "active" bool NOT NULL);
INSERT INTO "wagtailcore_workflow" VALUES(1,'Moderators approval',1);
CREATE TABLE "wagtailcore_workflowcontenttype" ("content_type_id" integer NOT NULL PRIMARY KEY REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "workflow_id" integer NOT NULL REFERENCES "wagtailcore_workflow" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_workflowpage" ("page_id" integer NOT NULL PRIMARY KEY REFERENCES "wagtailcore_page" ("id") DEFERRABLE INITIALLY DEFERRED, "workflow_id" integer NOT NULL REFERENCES "wagtailcore_workflow" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_workflowpage" VALUES(1,1);
CREATE TABLE "wagtailcore_workflowstate" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "status" varchar(50) NOT NULL, "created_at" datetime NOT NULL, "current_task_state_id" integer NULL UNIQUE REFERENCES "wagtailcore_taskstate" ("id") DEFERRABLE INITIALLY DEFERRED, "requested_by_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "workflow_id" integer NOT NULL REFERENCES "wagtailcore_workflow" ("id") DEFERRABLE INITIALLY DEFERRED, "object_id" varchar(255) NOT NULL, "base_content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED, "content_type_id" integer NOT NULL REFERENCES "django_content_type" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE "wagtailcore_workflowtask" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sort_order" integer NULL, "task_id" integer NOT NULL REFERENCES "wagtailcore_task" ("id") DEFERRABLE INITIALLY DEFERRED, "workflow_id" integer NOT NULL REFERENCES "wagtailcore_workflow" ("id") DEFERRABLE INITIALLY DEFERRED);
INSERT INTO "wagtailcore_workflowtask" VALUES(1,0,1,1);
CREATE TABLE "wagtaildocs_document" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "file" varchar(100) NOT NULL, "created_at" datetime NOT NULL, "uploaded_by_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "collection_id" integer NOT NULL REFERENCES "wagtailcore_collection" ("id") DEFERRABLE INITIALLY DEFERRED, "file_hash" varchar(40) NOT NULL, "file_size" bigint unsigned NULL CHECK ("file_size" >= 0));
CREATE TABLE "wagtailimages_image" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(255) NOT NULL, "file" varchar(100) NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "created_at" datetime NOT NULL, "focal_point_x" integer unsigned NULL CHECK ("focal_point_x" >= 0), "focal_point_y" integer unsigned NULL CHECK ("focal_point_y" >= 0), "focal_point_width" integer unsigned NULL CHECK ("focal_point_width" >= 0), "focal_point_height" integer unsigned NULL CHECK ("focal_point_height" >= 0), "uploaded_by_user_id" integer NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "file_size" integer unsigned NULL CHECK ("file_size" >= 0), "collection_id" integer NOT NULL REFERENCES "wagtailcore_collection" ("id") DEFERRABLE INITIALLY DEFERRED, "file_hash" varchar(40) NOT NULL, "description" varchar(255) NOT NULL);
CREATE TABLE "wagtailimages_rendition" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "width" integer NOT NULL, "height" integer NOT NULL, "focal_point_key" varchar(16) NOT NULL, "filter_spec" varchar(255) NOT NULL, "image_id" integer NOT NULL REFERENCES "wagtailimages_image" ("id") DEFERRABLE INITIALLY DEFERRED, "file" varchar(100) NOT NULL);
CREATE TABLE "wagtailusers_userprofile" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "submitted_notifications" bool NOT NULL, "approved_notifications" bool NOT NULL, "rejected_notifications" bool NOT NULL, "user_id" integer NOT NULL UNIQUE REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED, "preferred_language" varchar(10) NOT NULL, "current_time_zone" varchar(40) NOT NULL, "avatar" varchar(100) NOT NULL, "updated_comments_notifications" bool NOT NULL, "dismissibles" text NOT NULL CHECK ((JSON_VALID("dismissibles") OR "dismissibles" IS NULL)), "theme" varchar(40) NOT NULL, "density" varchar(40) NOT NULL, "contrast" varchar(40) NOT NULL, "keyboard_shortcuts" bool NOT NULL);
CREATE UNIQUE INDEX "auth_group_permissions_group_id_permission_id_0cd325b0_uniq" ON "auth_group_permissions" ("group_id", "permission_id");
CREATE INDEX "auth_group_permissions_group_id_b120cbf9" ON "auth_group_permissions" ("group_id");
CREATE INDEX "auth_group_permissions_permission_id_84c5c92e" ON "auth_group_permissions" ("permission_id");
CREATE UNIQUE INDEX "auth_user_groups_user_id_group_id_94350c0c_uniq" ON "auth_user_groups" ("user_id", "group_id");
CREATE INDEX "auth_user_groups_user_id_6a12ed8b" ON "auth_user_groups" ("user_id");
CREATE INDEX "auth_user_groups_group_id_97559544" ON "auth_user_groups" ("group_id");
CREATE UNIQUE INDEX "auth_user_user_permissions_user_id_permission_id_14a6b632_uniq" ON "auth_user_user_permissions" ("user_id", "permission_id");
CREATE INDEX "auth_user_user_permissions_user_id_a95ead1b" ON "auth_user_user_permissions" ("user_id");
CREATE INDEX "auth_user_user_permissions_permission_id_1fbb5f2c" ON "auth_user_user_permissions" ("permission_id");
CREATE INDEX "django_admin_log_content_type_id_c4bce8eb" ON "django_admin_log" ("content_type_id");
CREATE INDEX "django_admin_log_user_id_c564eba6" ON "django_admin_log" ("user_id");
CREATE UNIQUE INDEX "django_content_type_app_label_model_76bd3d3b_uniq" ON "django_content_type" ("app_label", "model");
CREATE UNIQUE INDEX "auth_permission_content_type_id_codename_01ab375a_uniq" ON "auth_permission" ("content_type_id", "codename");
CREATE INDEX "auth_permission_content_type_id_2f476e4b" ON "auth_permission" ("content_type_id");
CREATE INDEX "django_task_queue_n_99c321_idx" ON "django_tasks_database_dbtaskresult" ("queue_name");
CREATE INDEX "django_task_backend_071754_idx" ON "django_tasks_database_dbtaskresult" ("backend_name");
CREATE INDEX "tasks_db_new_ordering_idx" ON "django_tasks_database_dbtaskresult" ("status", "priority" DESC, "run_after" ASC) WHERE "status" = 'READY';
CREATE INDEX "dsfr_dsfrsocialmedia_site_config_id_1ce79b37" ON "dsfr_dsfrsocialmedia" ("site_config_id");
CREATE INDEX "django_session_expire_date_a5c62663" ON "django_session" ("expire_date");
CREATE INDEX "taggit_taggeditem_object_id_e2d7d1df" ON "taggit_taggeditem" ("object_id");
CREATE INDEX "taggit_taggeditem_content_type_id_9957a03c" ON "taggit_taggeditem" ("content_type_id");
CREATE INDEX "taggit_taggeditem_tag_id_f4f5b767" ON "taggit_taggeditem" ("tag_id");
CREATE INDEX "taggit_tagg_content_8fc721_idx" ON "taggit_taggeditem" ("content_type_id", "object_id");
CREATE UNIQUE INDEX "wagtailcore_groupcollectionpermission_group_id_collection_id_permission_id_a21cefe9_uniq" ON "wagtailcore_groupcollectionpermission" ("group_id", "collection_id", "permission_id");
CREATE INDEX "wagtailcore_groupcollectionpermission_collection_id_5423575a" ON "wagtailcore_groupcollectionpermission" ("collection_id");
CREATE INDEX "wagtailcore_groupcollectionpermission_group_id_05d61460" ON "wagtailcore_groupcollectionpermission" ("group_id");
CREATE INDEX "wagtailcore_groupcollectionpermission_permission_id_1b626275" ON "wagtailcore_groupcollectionpermission" ("permission_id");
CREATE INDEX "wagtailadmin_editingsession_content_type_id_4df7730e" ON "wagtailadmin_editingsession" ("content_type_id");
CREATE INDEX "wagtailadmin_editingsession_user_id_6e1a9b70" ON "wagtailadmin_editingsession" ("user_id");
CREATE INDEX "wagtailadmi_content_717955_idx" ON "wagtailadmin_editingsession" ("content_type_id", "object_id");
CREATE INDEX "wagtailadmin_formstate_content_type_id_e32438b3" ON "wagtailadmin_formstate" ("content_type_id");
CREATE INDEX "wagtailadmin_formstate_user_id_b910adc2" ON "wagtailadmin_formstate" ("user_id");
CREATE INDEX "formstate_user_object" ON "wagtailadmin_formstate" ("user_id", "content_type_id", "object_id", "parent_object_id");
CREATE UNIQUE INDEX "wagtailcore_pageviewrestriction_groups_pageviewrestriction_id_group_id_d23f80bb_uniq" ON "wagtailcore_pageviewrestriction_groups" ("pageviewrestriction_id", "group_id");
CREATE INDEX "wagtailcore_pageviewrestriction_groups_pageviewrestriction_id_f147a99a" ON "wagtailcore_pageviewrestriction_groups" ("pageviewrestriction_id");
CREATE INDEX "wagtailcore_pageviewrestriction_groups_group_id_6460f223" ON "wagtailcore_pageviewrestriction_groups" ("group_id");
CREATE INDEX "wagtailcore_pageviewrestriction_page_id_15a8bea6" ON "wagtailcore_pageviewrestriction" ("page_id");
CREATE INDEX "wagtailcore_collectionviewrestriction_collection_id_761908ec" ON "wagtailcore_collectionviewrestriction" ("collection_id");
CREATE UNIQUE INDEX "wagtailcore_collectionviewrestriction_groups_collectionviewrestriction_id_group_id_988995ae_uniq" ON "wagtailcore_collectionviewrestriction_groups" ("collectionviewrestriction_id", "group_id");
CREATE INDEX "wagtailcore_collectionviewrestriction_groups_collectionviewrestriction_id_47320efd" ON "wagtailcore_collectionviewrestriction_groups" ("collectionviewrestriction_id");
CREATE INDEX "wagtailcore_collectionviewrestriction_groups_group_id_1823f2a3" ON "wagtailcore_collectionviewrestriction_groups" ("group_id");
CREATE UNIQUE INDEX "wagtailcore_site_hostname_port_2c626d70_uniq" ON "wagtailcore_site" ("hostname", "port");
CREATE INDEX "wagtailcore_site_hostname_96b20b46" ON "wagtailcore_site" ("hostname");
CREATE INDEX "wagtailcore_site_root_page_id_e02fb95c" ON "wagtailcore_site" ("root_page_id");
CREATE INDEX "wagtailcore_task_content_type_id_249ab8ba" ON "wagtailcore_task" ("content_type_id");
CREATE INDEX "wagtailcore_workflowpage_workflow_id_56f56ff6" ON "wagtailcore_workflowpage" ("workflow_id");
CREATE UNIQUE INDEX "wagtailcore_workflowtask_workflow_id_task_id_4ec7a62b_uniq" ON "wagtailcore_workflowtask" ("workflow_id", "task_id");
CREATE INDEX "wagtailcore_workflowtask_task_id_ce7716fe" ON "wagtailcore_workflowtask" ("task_id");
CREATE INDEX "wagtailcore_workflowtask_workflow_id_b9717175" ON "wagtailcore_workflowtask" ("workflow_id");
CREATE UNIQUE INDEX "wagtailcore_groupapprovaltask_groups_groupapprovaltask_id_group_id_bb5ee7eb_uniq" ON "wagtailcore_groupapprovaltask_groups" ("groupapprovaltask_id", "group_id");
CREATE INDEX "wagtailcore_groupapprovaltask_groups_groupapprovaltask_id_9a9255ea" ON "wagtailcore_groupapprovaltask_groups" ("groupapprovaltask_id");
CREATE INDEX "wagtailcore_groupapprovaltask_groups_group_id_2e64b61f" ON "wagtailcore_groupapprovaltask_groups" ("group_id");
CREATE UNIQUE INDEX "wagtailcore_page_translation_key_locale_id_9b041bad_uniq" ON "wagtailcore_page" ("translation_key", "locale_id");
CREATE INDEX "wagtailcore_page_slug_e7c11b8f" ON "wagtailcore_page" ("slug");
CREATE INDEX "wagtailcore_page_content_type_id_c28424df" ON "wagtailcore_page" ("content_type_id");
CREATE INDEX "wagtailcore_page_owner_id_fbf7c332" ON "wagtailcore_page" ("owner_id");
CREATE INDEX "wagtailcore_page_first_published_at_2b5dd637" ON "wagtailcore_page" ("first_published_at");
CREATE INDEX "wagtailcore_page_live_revision_id_930bd822" ON "wagtailcore_page" ("live_revision_id");
CREATE INDEX "wagtailcore_page_locked_by_id_bcb86245" ON "wagtailcore_page" ("locked_by_id");
CREATE INDEX "wagtailcore_page_locale_id_3c7e30a6" ON "wagtailcore_page" ("locale_id");
CREATE INDEX "wagtailcore_page_alias_of_id_12945502" ON "wagtailcore_page" ("alias_of_id");
CREATE INDEX "wagtailcore_commentreply_comment_id_afc7e027" ON "wagtailcore_commentreply" ("comment_id");
CREATE INDEX "wagtailcore_commentreply_user_id_d0b3b9c3" ON "wagtailcore_commentreply" ("user_id");
CREATE UNIQUE INDEX "wagtailcore_pagesubscription_page_id_user_id_0cef73ed_uniq" ON "wagtailcore_pagesubscription" ("page_id", "user_id");
CREATE INDEX "wagtailcore_pagesubscription_page_id_a085e7a6" ON "wagtailcore_pagesubscription" ("page_id");
CREATE INDEX "wagtailcore_pagesubscription_user_id_89d7def9" ON "wagtailcore_pagesubscription" ("user_id");
CREATE INDEX "wagtailcore_comment_page_id_108444b5" ON "wagtailcore_comment" ("page_id");
CREATE INDEX "wagtailcore_comment_resolved_by_id_a282aa0e" ON "wagtailcore_comment" ("resolved_by_id");
CREATE INDEX "wagtailcore_comment_revision_created_id_1d058279" ON "wagtailcore_comment" ("revision_created_id");
CREATE INDEX "wagtailcore_comment_user_id_0c577ca6" ON "wagtailcore_comment" ("user_id");
CREATE INDEX "wagtailcore_page_latest_revision_id_e60fef51" ON "wagtailcore_page" ("latest_revision_id");
CREATE UNIQUE INDEX "wagtailcore_referenceindex_base_content_type_id_object_id_to_content_type_id_to_object_id_content_path_hash_9e6ccd6a_uniq" ON "wagtailcore_referenceindex" ("base_content_type_id", "object_id", "to_content_type_id", "to_object_id", "content_path_hash");
CREATE INDEX "wagtailcore_referenceindex_base_content_type_id_313cf40f" ON "wagtailcore_referenceindex" ("base_content_type_id");
CREATE INDEX "wagtailcore_referenceindex_content_type_id_766e0336" ON "wagtailcore_referenceindex" ("content_type_id");
CREATE INDEX "wagtailcore_referenceindex_to_content_type_id_93690bbd" ON "wagtailcore_referenceindex" ("to_content_type_id");
CREATE INDEX "wagtailcore_taskstate_content_type_id_0a758fdc" ON "wagtailcore_taskstate" ("content_type_id");
CREATE INDEX "wagtailcore_taskstate_task_id_c3677c34" ON "wagtailcore_taskstate" ("task_id");
CREATE INDEX "wagtailcore_taskstate_workflow_state_id_9239a775" ON "wagtailcore_taskstate" ("workflow_state_id");
CREATE INDEX "wagtailcore_taskstate_finished_by_id_13f98229" ON "wagtailcore_taskstate" ("finished_by_id");
CREATE INDEX "wagtailcore_taskstate_revision_id_df25a499" ON "wagtailcore_taskstate" ("revision_id");
CREATE UNIQUE INDEX "unique_in_progress_workflow" ON "wagtailcore_workflowstate" ("base_content_type_id", "object_id") WHERE "status" IN ('in_progress', 'needs_changes');
CREATE INDEX "wagtailcore_workflowstate_requested_by_id_4090bca3" ON "wagtailcore_workflowstate" ("requested_by_id");
CREATE INDEX "wagtailcore_workflowstate_workflow_id_1f18378f" ON "wagtailcore_workflowstate" ("workflow_id");
CREATE INDEX "wagtailcore_workflowstate_base_content_type_id_a30dc576" ON "wagtailcore_workflowstate" ("base_content_type_id");
CREATE INDEX "wagtailcore_workflowstate_content_type_id_2bb78ce1" ON "wagtailcore_workflowstate" ("content_type_id");
CREATE INDEX "workflowstate_ct_id_idx" ON "wagtailcore_workflowstate" ("content_type_id", "object_id");
CREATE INDEX "workflowstate_base_ct_id_idx" ON "wagtailcore_workflowstate" ("base_content_type_id", "object_id");
CREATE INDEX "wagtailcore_workflowcontenttype_workflow_id_9aad7cd2" ON "wagtailcore_workflowcontenttype" ("workflow_id");
CREATE INDEX "wagtailcore_modellogentry_action_d2d856ee" ON "wagtailcore_modellogentry" ("action");
CREATE INDEX "wagtailcore_modellogentry_timestamp_9694521b" ON "wagtailcore_modellogentry" ("timestamp");
CREATE INDEX "wagtailcore_modellogentry_content_changed_8bc39742" ON "wagtailcore_modellogentry" ("content_changed");
CREATE INDEX "wagtailcore_modellogentry_object_id_e0e7d4ef" ON "wagtailcore_modellogentry" ("object_id");
CREATE INDEX "wagtailcore_modellogentry_content_type_id_68849e77" ON "wagtailcore_modellogentry" ("content_type_id");
CREATE INDEX "wagtailcore_modellogentry_user_id_0278d1bf" ON "wagtailcore_modellogentry" ("user_id");
CREATE INDEX "wagtailcore_modellogentry_revision_id_df6ca33a" ON "wagtailcore_modellogentry" ("revision_id");
CREATE INDEX "wagtailcore_pagelogentry_action_c2408198" ON "wagtailcore_pagelogentry" ("action");
CREATE INDEX "wagtailcore_pagelogentry_timestamp_deb774c4" ON "wagtailcore_pagelogentry" ("timestamp");
CREATE INDEX "wagtailcore_pagelogentry_content_changed_99f27ade" ON "wagtailcore_pagelogentry" ("content_changed");
CREATE INDEX "wagtailcore_pagelogentry_content_type_id_74e7708a" ON "wagtailcore_pagelogentry" ("content_type_id");
CREATE INDEX "wagtailcore_pagelogentry_page_id_8464e327" ON "wagtailcore_pagelogentry" ("page_id");
CREATE INDEX "wagtailcore_pagelogentry_revision_id_8043d103" ON "wagtailcore_pagelogentry" ("revision_id");
CREATE INDEX "wagtailcore_pagelogentry_user_id_604ccfd8" ON "wagtailcore_pagelogentry" ("user_id");
CREATE INDEX "wagtailcore_grouppagepermission_group_id_fc07e671" ON "wagtailcore_grouppagepermission" ("group_id");
CREATE INDEX "wagtailcore_grouppagepermission_page_id_710b114a" ON "wagtailcore_grouppagepermission" ("page_id");
CREATE INDEX "wagtailcore_grouppagepermission_permission_id_05acb22e" ON "wagtailcore_grouppagepermission" ("permission_id");
CREATE INDEX "wagtailcore_revision_created_at_81450aa6" ON "wagtailcore_revision" ("created_at");
CREATE INDEX "wagtailcore_revision_approved_go_live_at_88d3dee5" ON "wagtailcore_revision" ("approved_go_live_at");
CREATE INDEX "wagtailcore_revision_user_id_03df83b0" ON "wagtailcore_revision" ("user_id");
CREATE INDEX "wagtailcore_revision_content_type_id_c8cb69c0" ON "wagtailcore_revision" ("content_type_id");
CREATE INDEX "wagtailcore_revision_base_content_type_id_5b4ef7bd" ON "wagtailcore_revision" ("base_content_type_id");
CREATE INDEX "content_object_idx" ON "wagtailcore_revision" ("content_type_id", "object_id");
CREATE INDEX "base_content_object_idx" ON "wagtailcore_revision" ("base_content_type_id", "object_id");
CREATE INDEX "wagtailcore_uploadedfile_for_content_type_id_b0fc87b2" ON "wagtailcore_uploadedfile" ("for_content_type_id");
CREATE INDEX "wagtailcore_uploadedfile_uploaded_by_user_id_c7580fe8" ON "wagtailcore_uploadedfile" ("uploaded_by_user_id");
CREATE UNIQUE INDEX "wagtailcore_groupsitepermission_group_id_site_id_permission_id_a58ee30d_uniq" ON "wagtailcore_groupsitepermission" ("group_id", "site_id", "permission_id");
CREATE INDEX "wagtailcore_groupsitepermission_group_id_e5cdbee4" ON "wagtailcore_groupsitepermission" ("group_id");
CREATE INDEX "wagtailcore_groupsitepermission_permission_id_459b1f38" ON "wagtailcore_groupsitepermission" ("permission_id");
CREATE INDEX "wagtailcore_groupsitepermission_site_id_245de488" ON "wagtailcore_groupsitepermission" ("site_id");
CREATE INDEX "referenceindex_source_object" ON "wagtailcore_referenceindex" ("base_content_type_id", "object_id");
CREATE INDEX "referenceindex_target_object" ON "wagtailcore_referenceindex" ("to_content_type_id", "to_object_id");
CREATE INDEX "wagtailcore_uuid_d6363b_idx" ON "wagtailcore_modellogentry" ("uuid", "action", "timestamp" DESC);
CREATE INDEX "wagtailcore_uuid_06a44d_idx" ON "wagtailcore_pagelogentry" ("uuid", "action", "timestamp" DESC);
CREATE INDEX "wagtailcore_apitoken_user_id_49b1141b" ON "wagtailcore_apitoken" ("user_id");
CREATE INDEX "wagtaildocs_document_uploaded_by_user_id_17258b41" ON "wagtaildocs_document" ("uploaded_by_user_id");
CREATE INDEX "wagtaildocs_document_collection_id_23881625" ON "wagtaildocs_document" ("collection_id");
CREATE UNIQUE INDEX "wagtailimages_rendition_image_id_filter_spec_focal_point_key_323c8fe0_uniq" ON "wagtailimages_rendition" ("image_id", "filter_spec", "focal_point_key");
CREATE INDEX "wagtailimages_rendition_filter_spec_1cba3201" ON "wagtailimages_rendition" ("filter_spec");
CREATE INDEX "wagtailimages_rendition_image_id_3e1fd774" ON "wagtailimages_rendition" ("image_id");
CREATE INDEX "wagtailimages_image_created_at_86fa6cd4" ON "wagtailimages_image" ("created_at");
CREATE INDEX "wagtailimages_image_uploaded_by_user_id_5d73dc75" ON "wagtailimages_image" ("uploaded_by_user_id");
CREATE INDEX "wagtailimages_image_collection_id_c2f8af7e" ON "wagtailimages_image" ("collection_id");
CREATE INDEX "wagtailimages_image_file_hash_fb5bbb23" ON "wagtailimages_image" ("file_hash");
CREATE UNIQUE INDEX "territoires_siao_departements_siao_id_departement_id_4b901dea_uniq" ON "territoires_siao_departements" ("siao_id", "departement_id");
CREATE INDEX "territoires_siao_departements_siao_id_b2dd4b38" ON "territoires_siao_departements" ("siao_id");
CREATE INDEX "territoires_siao_departements_departement_id_d5594e8a" ON "territoires_siao_departements" ("departement_id");
CREATE UNIQUE INDEX "offre_dispositif_publics_specifiques_dispositif_id_publicspecifique_id_f065c46a_uniq" ON "offre_dispositif_publics_specifiques" ("dispositif_id", "publicspecifique_id");
CREATE INDEX "offre_dispositif_publics_specifiques_dispositif_id_fa95a7a2" ON "offre_dispositif_publics_specifiques" ("dispositif_id");
CREATE INDEX "offre_dispositif_publics_specifiques_publicspecifique_id_094ce84c" ON "offre_dispositif_publics_specifiques" ("publicspecifique_id");
CREATE INDEX "offre_contactreferent_entite_id_7ae0f2b4" ON "offre_contactreferent" ("entite_id");
CREATE INDEX "offre_historicalentitegestionnaire_id_c71f0052" ON "offre_historicalentitegestionnaire" ("id");
CREATE INDEX "offre_historicalentitegestionnaire_siren_5b20caa5" ON "offre_historicalentitegestionnaire" ("siren");
CREATE INDEX "offre_historicalentitegestionnaire_history_date_cee619bd" ON "offre_historicalentitegestionnaire" ("history_date");
CREATE INDEX "offre_historicalentitegestionnaire_departement_id_eaa3a506" ON "offre_historicalentitegestionnaire" ("departement_id");
CREATE INDEX "offre_historicalentitegestionnaire_history_user_id_56e06be6" ON "offre_historicalentitegestionnaire" ("history_user_id");
CREATE INDEX "offre_historicalentitegestionnaire_parent_id_9284c94e" ON "offre_historicalentitegestionnaire" ("parent_id");
CREATE INDEX "offre_historicalgroupedeplaces_id_cb51f11c" ON "offre_historicalgroupedeplaces" ("id");
CREATE INDEX "offre_historicalgroupedeplaces_history_date_a69513fd" ON "offre_historicalgroupedeplaces" ("history_date");
CREATE INDEX "offre_historicalgroupedeplaces_dispositif_id_d372122f" ON "offre_historicalgroupedeplaces" ("dispositif_id");
CREATE INDEX "offre_historicalgroupedeplaces_history_user_id_5aab7ae4" ON "offre_historicalgroupedeplaces" ("history_user_id");
CREATE INDEX "offre_historicalfinancement_id_367666d3" ON "offre_historicalfinancement" ("id");
CREATE INDEX "offre_historicalfinancement_history_date_e6c84152" ON "offre_historicalfinancement" ("history_date");
CREATE INDEX "offre_historicalfinancement_dispositif_id_de8bac9e" ON "offre_historicalfinancement" ("dispositif_id");
CREATE INDEX "offre_historicalfinancement_history_user_id_614ec117" ON "offre_historicalfinancement" ("history_user_id");
CREATE INDEX "offre_historicalfinancement_programme_id_72a1329d" ON "offre_historicalfinancement" ("programme_id");
CREATE INDEX "offre_historicaldispositif_id_b59c45c5" ON "offre_historicaldispositif" ("id");
CREATE INDEX "offre_historicaldispositif_code_3dcd2cde" ON "offre_historicaldispositif" ("code");
CREATE INDEX "offre_historicaldispositif_history_date_5b006ac1" ON "offre_historicaldispositif" ("history_date");
CREATE INDEX "offre_historicaldispositif_departement_id_4ad4c683" ON "offre_historicaldispositif" ("departement_id");
CREATE INDEX "offre_historicaldispositif_entite_id_d802edc3" ON "offre_historicaldispositif" ("entite_id");
CREATE INDEX "offre_historicaldispositif_history_user_id_887384f4" ON "offre_historicaldispositif" ("history_user_id");
CREATE INDEX "offre_historicaldispositif_type_id_c6b1d8a5" ON "offre_historicaldispositif" ("type_id");
CREATE UNIQUE INDEX "acces_affectationrole_departements_affectationrole_id_departement_id_b4b0da87_uniq" ON "acces_affectationrole_departements" ("affectationrole_id", "departement_id");
CREATE INDEX "acces_affectationrole_departements_affectationrole_id_a6fad464" ON "acces_affectationrole_departements" ("affectationrole_id");
CREATE INDEX "acces_affectationrole_departements_departement_id_5ca94daf" ON "acces_affectationrole_departements" ("departement_id");
CREATE INDEX "acces_affectationrole_cree_par_id_687c37cd" ON "acces_affectationrole" ("cree_par_id");
CREATE INDEX "acces_affectationrole_entite_id_4f8e9d3e" ON "acces_affectationrole" ("entite_id");
CREATE INDEX "acces_affectationrole_region_id_e3254125" ON "acces_affectationrole" ("region_id");
CREATE INDEX "acces_affectationrole_siao_id_ebd73bbd" ON "acces_affectationrole" ("siao_id");
CREATE INDEX "acces_affectationrole_utilisateur_id_a87b88ea" ON "acces_affectationrole" ("utilisateur_id");
CREATE INDEX "conventions_documentconvention_ajoute_par_id_86b61d72" ON "conventions_documentconvention" ("ajoute_par_id");
CREATE INDEX "conventions_documentconvention_avenant_id_4defc0c1" ON "conventions_documentconvention" ("avenant_id");
CREATE INDEX "conventions_documentconvention_convention_id_9d8dbf86" ON "conventions_documentconvention" ("convention_id");
CREATE INDEX "conventions_documentconvention_document_id_6487fa34" ON "conventions_documentconvention" ("document_id");
CREATE INDEX "conventions_historicalconvention_id_f582f6e3" ON "conventions_historicalconvention" ("id");
CREATE INDEX "conventions_historicalconvention_history_date_b4ca5e64" ON "conventions_historicalconvention" ("history_date");
CREATE INDEX "conventions_historicalconvention_convention_precedente_id_735cdec5" ON "conventions_historicalconvention" ("convention_precedente_id");
CREATE INDEX "conventions_historicalconvention_cree_par_id_54c2a7b7" ON "conventions_historicalconvention" ("cree_par_id");
CREATE INDEX "conventions_historicalconvention_departement_id_4b509e44" ON "conventions_historicalconvention" ("departement_id");
CREATE INDEX "conventions_historicalconvention_entite_id_d4c9cf45" ON "conventions_historicalconvention" ("entite_id");
CREATE INDEX "conventions_historicalconvention_history_user_id_a28ff366" ON "conventions_historicalconvention" ("history_user_id");
CREATE INDEX "conventions_historicalligneconvention_id_b2b3f5f8" ON "conventions_historicalligneconvention" ("id");
CREATE INDEX "conventions_historicalligneconvention_history_date_a2768e06" ON "conventions_historicalligneconvention" ("history_date");
CREATE INDEX "conventions_historicalligneconvention_convention_id_a973d952" ON "conventions_historicalligneconvention" ("convention_id");
CREATE INDEX "conventions_historicalligneconvention_dispositif_id_4678b484" ON "conventions_historicalligneconvention" ("dispositif_id");
CREATE INDEX "conventions_historicalligneconvention_history_user_id_0455bcb4" ON "conventions_historicalligneconvention" ("history_user_id");
CREATE INDEX "conventions_historicalmontantconvention_id_192f130f" ON "conventions_historicalmontantconvention" ("id");
CREATE INDEX "conventions_historicalmontantconvention_history_date_36f44ba8" ON "conventions_historicalmontantconvention" ("history_date");
CREATE INDEX "conventions_historicalmontantconvention_convention_id_5e8a41b5" ON "conventions_historicalmontantconvention" ("convention_id");
CREATE INDEX "conventions_historicalmontantconvention_history_user_id_ffb15591" ON "conventions_historicalmontantconvention" ("history_user_id");
CREATE INDEX "offre_historicalfinancement_convention_id_1ff3b00e" ON "offre_historicalfinancement" ("convention_id");
CREATE INDEX "appels_documentappel_ajoute_par_id_c5ec60d9" ON "appels_documentappel" ("ajoute_par_id");
CREATE INDEX "appels_documentappel_appel_id_ae72465f" ON "appels_documentappel" ("appel_id");
CREATE INDEX "appels_documentappel_document_id_8d3c0349" ON "appels_documentappel" ("document_id");
CREATE INDEX "appels_documentcandidature_ajoute_par_id_3fd45742" ON "appels_documentcandidature" ("ajoute_par_id");
CREATE INDEX "appels_documentcandidature_candidature_id_327d7d2a" ON "appels_documentcandidature" ("candidature_id");
CREATE INDEX "appels_documentcandidature_document_id_4fac1dce" ON "appels_documentcandidature" ("document_id");
CREATE INDEX "appels_notecritere_candidature_id_4f10ff18" ON "appels_notecritere" ("candidature_id");
CREATE INDEX "appels_notecritere_critere_id_a4319928" ON "appels_notecritere" ("critere_id");
CREATE INDEX "conventions_ligneavenant_avenant_id_44450c67" ON "conventions_ligneavenant" ("avenant_id");
CREATE INDEX "conventions_ligneavenant_dispositif_id_b59c8497" ON "conventions_ligneavenant" ("dispositif_id");
CREATE INDEX "conventions_ligneconvention_convention_id_17d09317" ON "conventions_ligneconvention" ("convention_id");
CREATE INDEX "conventions_ligneconvention_dispositif_id_084f3447" ON "conventions_ligneconvention" ("dispositif_id");
CREATE INDEX "conventions_montantavenant_avenant_id_7abb5ba8" ON "conventions_montantavenant" ("avenant_id");
CREATE INDEX "conventions_montantconvention_convention_id_9bf3147a" ON "conventions_montantconvention" ("convention_id");
CREATE INDEX "appels_appelaprojets_cree_par_id_3acc6f48" ON "appels_appelaprojets" ("cree_par_id");
CREATE INDEX "appels_appelaprojets_region_id_e5925e2e" ON "appels_appelaprojets" ("region_id");
CREATE INDEX "appels_appelaprojets_type_dispositif_id_d4622b0d" ON "appels_appelaprojets" ("type_dispositif_id");
CREATE INDEX "appels_appe_etat_23f6fd_idx" ON "appels_appelaprojets" ("etat", "region_id");
CREATE INDEX "appels_candidature_appel_id_3a725c73" ON "appels_candidature" ("appel_id");
CREATE INDEX "appels_candidature_avenant_id_756a835a" ON "appels_candidature" ("avenant_id");
CREATE INDEX "appels_candidature_convention_id_554b87d0" ON "appels_candidature" ("convention_id");
CREATE INDEX "appels_candidature_departement_id_6df0ad39" ON "appels_candidature" ("departement_id");
CREATE INDEX "appels_candidature_deposee_par_id_bf80e3f1" ON "appels_candidature" ("deposee_par_id");
CREATE INDEX "appels_candidature_dispositif_id_85ef8b6a" ON "appels_candidature" ("dispositif_id");
CREATE INDEX "appels_candidature_dispositif_existant_id_77c18a59" ON "appels_candidature" ("dispositif_existant_id");
CREATE INDEX "appels_candidature_entite_id_4cff2fd6" ON "appels_candidature" ("entite_id");
CREATE INDEX "appels_cand_appel_i_3f1eb5_idx" ON "appels_candidature" ("appel_id", "etat");
CREATE INDEX "appels_critereselection_appel_id_0db59942" ON "appels_critereselection" ("appel_id");
CREATE INDEX "appels_repartitionappel_appel_id_cbae47d1" ON "appels_repartitionappel" ("appel_id");
CREATE INDEX "appels_repartitionappel_departement_id_78659c2d" ON "appels_repartitionappel" ("departement_id");
CREATE INDEX "territoires_departement_region_id_35921517" ON "territoires_departement" ("region_id");
CREATE UNIQUE INDEX "dispositif_reference_locale_unique" ON "offre_dispositif" ("departement_id", "reference_locale") WHERE NOT ("reference_locale" = '');
CREATE INDEX "offre_dispositif_departement_id_bb8c7f48" ON "offre_dispositif" ("departement_id");
CREATE INDEX "offre_dispositif_entite_id_d406c762" ON "offre_dispositif" ("entite_id");
CREATE INDEX "offre_dispositif_type_id_4945e5d0" ON "offre_dispositif" ("type_id");
CREATE INDEX "offre_entitegestionnaire_departement_id_b20062d5" ON "offre_entitegestionnaire" ("departement_id");
CREATE INDEX "offre_entitegestionnaire_parent_id_7d916494" ON "offre_entitegestionnaire" ("parent_id");
CREATE INDEX "offre_financement_dispositif_id_a20be536" ON "offre_financement" ("dispositif_id");
CREATE INDEX "offre_financement_programme_id_e5ab58be" ON "offre_financement" ("programme_id");
CREATE INDEX "offre_financement_convention_id_76570241" ON "offre_financement" ("convention_id");
CREATE INDEX "offre_groupedeplaces_dispositif_id_bd3a100c" ON "offre_groupedeplaces" ("dispositif_id");
CREATE INDEX "offre_typedispositif_nature_id_573c202b" ON "offre_typedispositif" ("nature_id");
CREATE INDEX "conventions_avenant_cree_par_id_6afec3dc" ON "conventions_avenant" ("cree_par_id");
CREATE INDEX "conventions_avenant_convention_id_0dfab13b" ON "conventions_avenant" ("convention_id");
CREATE UNIQUE INDEX "convention_numero_unique" ON "conventions_convention" ("numero") WHERE NOT ("numero" = '');
CREATE INDEX "conventions_convention_cree_par_id_1d96c200" ON "conventions_convention" ("cree_par_id");
CREATE INDEX "conventions_convention_departement_id_fe8ac41b" ON "conventions_convention" ("departement_id");
CREATE INDEX "conventions_convention_entite_id_7b141f8c" ON "conventions_convention" ("entite_id");
CREATE INDEX "conventions_convention_convention_precedente_id_f02ea6d3" ON "conventions_convention" ("convention_precedente_id");
CREATE INDEX "conventions_etat_be347e_idx" ON "conventions_convention" ("etat", "departement_id");
CREATE INDEX "conventions_date_fi_50f26d_idx" ON "conventions_convention" ("date_fin");
CREATE INDEX "qualite_anomalie_convention_id_d143ecbe" ON "qualite_anomalie" ("convention_id");
CREATE INDEX "qualite_anomalie_departement_id_79903466" ON "qualite_anomalie" ("departement_id");
CREATE INDEX "qualite_anomalie_dispositif_id_62f866b9" ON "qualite_anomalie" ("dispositif_id");
CREATE INDEX "qualite_anomalie_justifiee_par_id_7e407d1e" ON "qualite_anomalie" ("justifiee_par_id");
CREATE INDEX "qualite_ano_departe_88d885_idx" ON "qualite_anomalie" ("departement_id", "resolue_le");
CREATE INDEX "qualite_ano_disposi_bd0510_idx" ON "qualite_anomalie" ("dispositif_id", "resolue_le");
CREATE INDEX "qualite_ano_regle_26f89a_idx" ON "qualite_anomalie" ("regle");
CREATE INDEX "demandes_demande_compte_demandeur_id_b897cdf5" ON "demandes_demande" ("compte_demandeur_id");
CREATE INDEX "demandes_demande_departement_id_79ba31b1" ON "demandes_demande" ("departement_id");
CREATE INDEX "demandes_demande_dispositif_id_e9ce6c0e" ON "demandes_demande" ("dispositif_id");
CREATE INDEX "demandes_demande_entite_id_1e715745" ON "demandes_demande" ("entite_id");
CREATE INDEX "demandes_demande_type_dispositif_id_a0321030" ON "demandes_demande" ("type_dispositif_id");
CREATE INDEX "demandes_de_etat_6a9fec_idx" ON "demandes_demande" ("etat", "departement_id");
CREATE INDEX "demandes_piecejointe_demande_id_db33730e" ON "demandes_piecejointe" ("demande_id");
CREATE INDEX "demandes_piecejointe_ajoute_par_id_692a6e00" ON "demandes_piecejointe" ("ajoute_par_id");
CREATE INDEX "demandes_piecejointe_document_id_bf54c4f3" ON "demandes_piecejointe" ("document_id");
CREATE INDEX "controle_documentcontrole_ajoute_par_id_1bee4d86" ON "controle_documentcontrole" ("ajoute_par_id");
CREATE INDEX "controle_documentcontrole_controle_id_0ed8ba91" ON "controle_documentcontrole" ("controle_id");
CREATE INDEX "controle_documentcontrole_document_id_c2e74bc7" ON "controle_documentcontrole" ("document_id");
CREATE INDEX "controle_documentcontrole_mesure_id_e7c26a65" ON "controle_documentcontrole" ("mesure_id");
CREATE INDEX "controle_constat_controle_id_6618c589" ON "controle_constat" ("controle_id");
CREATE INDEX "controle_mesure_avenant_id_09b80cec" ON "controle_mesure" ("avenant_id");
CREATE INDEX "controle_mesure_controle_id_70281f0f" ON "controle_mesure" ("controle_id");
CREATE INDEX "controle_mesure_cree_par_id_2c487dc7" ON "controle_mesure" ("cree_par_id");
CREATE INDEX "controle_mesure_demande_fermeture_id_591a580b" ON "controle_mesure" ("demande_fermeture_id");
CREATE INDEX "controle_me_etat_c97a56_idx" ON "controle_mesure" ("etat", "echeance");
CREATE INDEX "controle_programmecontrole_cree_par_id_9faf2893" ON "controle_programmecontrole" ("cree_par_id");
CREATE INDEX "controle_programmecontrole_departement_id_995bb905" ON "controle_programmecontrole" ("departement_id");
CREATE INDEX "controle_controle_anomalie_origine_id_9280dcc9" ON "controle_controle" ("anomalie_origine_id");
CREATE INDEX "controle_controle_cree_par_id_66c12f20" ON "controle_controle" ("cree_par_id");
CREATE INDEX "controle_controle_departement_id_4b4fb28f" ON "controle_controle" ("departement_id");
CREATE INDEX "controle_controle_dispositif_id_d1ceded2" ON "controle_controle" ("dispositif_id");
CREATE INDEX "controle_controle_entite_id_5818773b" ON "controle_controle" ("entite_id");
CREATE INDEX "controle_controle_repondu_par_id_52a5e665" ON "controle_controle" ("repondu_par_id");
CREATE INDEX "controle_controle_programme_id_9ad00c5b" ON "controle_controle" ("programme_id");
CREATE INDEX "controle_co_departe_ec6db3_idx" ON "controle_controle" ("departement_id", "etat");
CREATE INDEX "controle_co_entite__d984e5_idx" ON "controle_controle" ("entite_id", "etat");
CREATE INDEX "evaluations_evaluation_dispositif_id_e2c06f9e" ON "evaluations_evaluation" ("dispositif_id");
CREATE INDEX "evaluations_evaluation_document_id_f9958c17" ON "evaluations_evaluation" ("document_id");
CREATE INDEX "evaluations_echeanc_2062cc_idx" ON "evaluations_evaluation" ("echeance");
CREATE INDEX "exportations_exportdiffere_cree_le_8b072e24" ON "exportations_exportdiffere" ("cree_le");
CREATE INDEX "exportations_exportdiffere_demandeur_id_ec840e3a" ON "exportations_exportdiffere" ("demandeur_id");
CREATE UNIQUE INDEX "imports_importtemps1_departements_importtemps1_id_departement_id_8d052bc4_uniq" ON "imports_importtemps1_departements" ("importtemps1_id", "departement_id");
CREATE INDEX "imports_importtemps1_departements_importtemps1_id_c71b1aaa" ON "imports_importtemps1_departements" ("importtemps1_id");
CREATE INDEX "imports_importtemps1_departements_departement_id_61b1439c" ON "imports_importtemps1_departements" ("departement_id");
CREATE INDEX "imports_importtemps1_deposant_id_cc44ee6a" ON "imports_importtemps1" ("deposant_id");
CREATE INDEX "occupation_occupation_dispositif_id_0f4c4e8b" ON "occupation_occupation" ("dispositif_id");
CREATE INDEX "occupation_occupation_import_source_id_9d8e5752" ON "occupation_occupation" ("import_source_id");
CREATE INDEX "occupation_mois_idx" ON "occupation_occupation" ("mois", "dispositif_id");
CREATE INDEX "schemas_evaluationaction_action_id_a25f5574" ON "schemas_evaluationaction" ("action_id");
CREATE INDEX "schemas_evaluationaction_campagne_id_7e3f4d5c" ON "schemas_evaluationaction" ("campagne_id");
CREATE INDEX "schemas_evaluationaction_evalue_par_id_9f583b4c" ON "schemas_evaluationaction" ("evalue_par_id");
CREATE INDEX "schemas_campagneevaluation_schema_id_0bfe8fb8" ON "schemas_campagneevaluation" ("schema_id");
CREATE INDEX "schemas_actionschema_thematique_id_5572317b" ON "schemas_actionschema" ("thematique_id");
CREATE INDEX "schemas_objectif_schema_id_81ae5aa6" ON "schemas_objectif" ("schema_id");
CREATE INDEX "schemas_schemaregional_region_id_d8f4f4f1" ON "schemas_schemaregional" ("region_id");
CREATE INDEX "schemas_thematique_objectif_id_6f914ffd" ON "schemas_thematique" ("objectif_id");
CREATE INDEX "signalements_signalement_declare_par_id_a111cc56" ON "signalements_signalement" ("declare_par_id");
CREATE INDEX "signalements_signalement_dispositif_id_e193e1c1" ON "signalements_signalement" ("dispositif_id");
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('django_migrations',259);
INSERT INTO "sqlite_sequence" VALUES('django_admin_log',0);
INSERT INTO "sqlite_sequence" VALUES('django_content_type',99);
INSERT INTO "sqlite_sequence" VALUES('auth_permission',403);
INSERT INTO "sqlite_sequence" VALUES('auth_group',2);
INSERT INTO "sqlite_sequence" VALUES('auth_user',0);
INSERT INTO "sqlite_sequence" VALUES('dsfr_dsfrconfig',0);
INSERT INTO "sqlite_sequence" VALUES('taggit_taggeditem',0);
INSERT INTO "sqlite_sequence" VALUES('taggit_tag',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_collection',1);
INSERT INTO "sqlite_sequence" VALUES('auth_group_permissions',18);
INSERT INTO "sqlite_sequence" VALUES('wagtailadmin_editingsession',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_pageviewrestriction',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_site',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_task',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_groupapprovaltask_groups',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_workflow',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_workflowtask',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_locale',1);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_page',2);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_comment',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_taskstate',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_workflowstate',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_modellogentry',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_pagelogentry',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_grouppagepermission',7);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_revision',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailcore_groupcollectionpermission',12);
INSERT INTO "sqlite_sequence" VALUES('wagtaildocs_document',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailimages_rendition',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailimages_image',0);
INSERT INTO "sqlite_sequence" VALUES('wagtailusers_userprofile',0);
INSERT INTO "sqlite_sequence" VALUES('acces_affectationrole',0);
INSERT INTO "sqlite_sequence" VALUES('territoires_siao_departements',101);
INSERT INTO "sqlite_sequence" VALUES('appels_notecritere',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_ligneavenant',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_ligneconvention',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_montantavenant',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_montantconvention',0);
INSERT INTO "sqlite_sequence" VALUES('appels_appelaprojets',0);
INSERT INTO "sqlite_sequence" VALUES('appels_candidature',0);
INSERT INTO "sqlite_sequence" VALUES('appels_critereselection',0);
INSERT INTO "sqlite_sequence" VALUES('appels_repartitionappel',0);
INSERT INTO "sqlite_sequence" VALUES('territoires_siao',101);
INSERT INTO "sqlite_sequence" VALUES('offre_dispositif',0);
INSERT INTO "sqlite_sequence" VALUES('offre_entitegestionnaire',0);
INSERT INTO "sqlite_sequence" VALUES('offre_financement',0);
INSERT INTO "sqlite_sequence" VALUES('offre_groupedeplaces',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_avenant',0);
INSERT INTO "sqlite_sequence" VALUES('conventions_convention',0);
INSERT INTO "sqlite_sequence" VALUES('qualite_anomalie',0);
INSERT INTO "sqlite_sequence" VALUES('demandes_demande',0);
INSERT INTO "sqlite_sequence" VALUES('demandes_piecejointe',0);
INSERT INTO "sqlite_sequence" VALUES('controle_mesure',0);
INSERT INTO "sqlite_sequence" VALUES('controle_programmecontrole',0);
INSERT INTO "sqlite_sequence" VALUES('controle_controle',0);
INSERT INTO "sqlite_sequence" VALUES('imports_importtemps1',0);
INSERT INTO "sqlite_sequence" VALUES('schemas_campagneevaluation',0);
INSERT INTO "sqlite_sequence" VALUES('schemas_actionschema',0);
INSERT INTO "sqlite_sequence" VALUES('schemas_objectif',0);
INSERT INTO "sqlite_sequence" VALUES('schemas_schemaregional',0);
INSERT INTO "sqlite_sequence" VALUES('schemas_thematique',0);
COMMIT;
