namespace FastData.Orleans.Streaming.Kafka;

/// <summary>
/// Writes records to any Kafka topic (output topics, command topics) through the provider's idempotent producer
/// (<c>acks=all</c>, <c>enable.idempotence=true</c>). Resolve it as a keyed service under the provider name, or unkeyed
/// for the first provider registered.
/// </summary>
public interface IKafkaPublisher
{
    /// <summary>Writes one record and completes when the cluster acknowledged it; throws <see cref="KafkaPublishException"/> if it was not.</summary>
    Task<KafkaPublishResult> PublishAsync(string topic, byte[]? key, byte[]? value, IReadOnlyList<KeyValuePair<string, byte[]>>? headers = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes records in order and completes when every one was acknowledged. Faster than awaiting one at a time: all are
    /// in flight together.
    /// </summary>
    Task PublishBatchAsync(string topic, IReadOnlyList<KafkaOutgoingRecord> records, CancellationToken cancellationToken = default);
}

/// <summary>One record to publish.</summary>
/// <param name="Key">The key bytes or null.</param>
/// <param name="Value">The value bytes or null (a tombstone).</param>
/// <param name="Partition">An explicit partition, or null to let the key choose (Kafka's default partitioner).</param>
public readonly record struct KafkaOutgoingRecord(byte[]? Key, byte[]? Value, int? Partition = null);

/// <summary>Where a published record was stored.</summary>
public readonly record struct KafkaPublishResult(string Topic, int Partition, long Offset);

/// <summary>A record was not acknowledged by the cluster.</summary>
public sealed class KafkaPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KafkaPublishException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KafkaPublishException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KafkaPublishException(string message)
        : base(message)
    {
    }
}
