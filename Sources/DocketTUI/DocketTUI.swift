public enum DocketTUIModule {}
