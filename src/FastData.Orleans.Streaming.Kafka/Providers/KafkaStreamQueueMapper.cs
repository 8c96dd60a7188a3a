using Orleans.Runtime;
using Orleans.Streams;

namespace FastData.Orleans.Streaming.Kafka.Providers;

/// <summary>
/// Maps queues to topic-partitions for Orleans' balancers. Consuming never asks this mapper where a stream lives: a
/// record's events go out on the queue of the partition the record was actually read from, so whatever partitioner the
/// source used, per-key partition order is kept. <see cref="GetQueueForStream"/> is used only when producing through the
/// stream provider: it hashes the canonical key like Kafka's default partitioner, and the adapter writes to that partition.
/// </summary>
internal sealed class KafkaStreamQueueMapper(Func<KafkaTopology> topology) : IConsistentRingStreamQueueMapper
{
    public IEnumerable<QueueId> GetAllQueues() => topology().Queues;

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var resolved = topology();
        var streamNamespace = streamId.GetNamespace() ?? string.Empty;
        if (!resolved.TryGetByNamespace(streamNamespace, out var binding))
        {
            throw new ArgumentException($"Stream namespace '{streamNamespace}' is not mapped to any Kafka topic of this provider.", nameof(streamId));
        }

        return resolved.QueueOf(binding.Topic, KafkaPartitioner.PartitionFor(streamId.GetKeyAsString(), binding.Partitions));
    }

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) =>
        topology().Queues.Where(queue => range.InRange(queue.GetUniformHashCode()));
}
