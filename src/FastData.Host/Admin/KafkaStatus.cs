namespace FastData.Host.Admin;

/// <summary>The host's Kafka as the status endpoint reports it.</summary>
/// <param name="BootstrapServers">Where the brokers are.</param>
/// <param name="Embedded">True when the host runs its own (in-process) cluster.</param>
/// <param name="ConsumerGroup">The ingestion consumer group whose lag is reported.</param>
/// <param name="Partitions">Per projection topic partition: committed offset, end offset and lag.</param>
/// <param name="TotalLag">The sum of the lags.</param>
/// <param name="DeadLetters">Records on the dead-letter topic (end minus start offsets, per partition and in total).</param>
/// <param name="Error">Why some figures are missing, or null.</param>
public sealed record KafkaStatus(
    string BootstrapServers,
    bool Embedded,
    string ConsumerGroup,
    IReadOnlyList<PartitionLag> Partitions,
    long TotalLag,
    DeadLetterCount DeadLetters,
    string? Error);

/// <summary>The lag of one partition: <c>Lag = End - Committed</c> (from the partition start when nothing is committed).</summary>
public sealed record PartitionLag(string Topic, int Partition, long? Committed, long End, long Lag);

/// <summary>How many records the dead-letter topic holds.</summary>
public sealed record DeadLetterCount(string Topic, long Count, IReadOnlyDictionary<int, long> PerPartition);
