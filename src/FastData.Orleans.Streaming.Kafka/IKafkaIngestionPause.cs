namespace FastData.Orleans.Streaming.Kafka;

/// <summary>
/// Tells the provider's receivers which stream namespaces not to hand over for now (an operator paused a projection's
/// ingestion). A paused partition's records stay in Kafka: the receiver stops draining its buffer, the consumer stops
/// fetching once the buffer is full, and nothing is committed past what was delivered, so consumption resumes where
/// it stopped. Register one in the silo's container; without one nothing is ever paused.
/// </summary>
public interface IKafkaIngestionPause
{
    /// <summary>True while records of <paramref name="streamNamespace"/> must not be handed over. Called on every
    /// poll of every partition: keep it a memory read.</summary>
    bool IsPaused(string streamNamespace);
}
