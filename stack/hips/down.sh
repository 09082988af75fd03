#!/usr/bin/env bash
# Nothing runs for the local HiPS; the generated files stay cached in stack/.state/hips.
echo "hips: nothing to stop"
