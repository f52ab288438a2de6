"""Test support shared by every app: factories, the fixed cast, the browser kit."""
