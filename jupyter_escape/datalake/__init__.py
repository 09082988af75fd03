"""The Rucio data lake: instances, authentication, browsing, staging and upload."""
