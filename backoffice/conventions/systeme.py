"""Kept for existing imports: the Système actor lives in workflows.systeme (shared by
conventions and appels)."""

from workflows.systeme import Systeme, est_systeme, systeme_seulement

__all__ = ["Systeme", "est_systeme", "systeme_seulement"]
