"""The investment matrix (Rencana Investasi 5 Tahun) as a spreadsheet: reading, importing, writing."""
