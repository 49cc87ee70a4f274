"""Helpers of the sample-data generator (``orchestration.generate``).

Everything here produces GENERATED data: the region codes and names are real
(GB/T 2260, MCA 2024 list), the numbers are not official statistics.
"""
