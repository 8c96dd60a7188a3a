namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>A Kafka record as handed to a message format: its position and its raw key and value bytes.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Offset">The offset.</param>
/// <param name="Timestamp">The record timestamp.</param>
/// <param name="Key">The key bytes, or null.</param>
/// <param name="Value">The value bytes, or null for a tombstone.</param>
public readonly record struct KafkaRecord(string Topic, int Partition, long Offset, DateTimeOffset Timestamp, byte[]? Key, byte[]? Value);
