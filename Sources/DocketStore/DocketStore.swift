public enum DocketStoreModule {}
