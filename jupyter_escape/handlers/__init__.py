"""Thin tornado handlers. Each pillar has one module; all subclass base.EscapeHandler."""
