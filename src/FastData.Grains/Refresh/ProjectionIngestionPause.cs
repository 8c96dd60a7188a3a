using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Refresh;

/// <summary>The Kafka receivers' view of the cluster-wide ingestion switches: a projection's stream namespace is its
/// name, so a paused projection's partitions stop handing records over on this silo as soon as its gate knows.</summary>
public sealed class ProjectionIngestionPause(PipelineTriggerGate gate) : IKafkaIngestionPause
{
    public bool IsPaused(string streamNamespace) => gate.IsIngestionPaused(streamNamespace);
}
