using System.Diagnostics;
using Confluent.Kafka;
using FastData.Host.Hosting;
using Microsoft.Extensions.Options;

namespace FastData.Host.Admin;

/// <summary>
/// Reads ingestion lag (committed offsets of the ingestion consumer group against partition end offsets) and the
/// dead-letter count from the brokers. Bounded by a time budget, so a broker that does not answer makes the status
/// incomplete (with the reason) rather than slow.
/// </summary>
public sealed class KafkaStatusReader(KafkaEndpoint kafka, IOptions<KafkaHostOptions> options, LoadedConfiguration configuration)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public async Task<KafkaStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var partitions = new List<PartitionLag>();
        var deadLetters = new Dictionary<int, long>();
        string? error = null;
        try
        {
            var clientSettings = new Dictionary<string, string>(settings.Settings) { ["bootstrap.servers"] = kafka.BootstrapServers };
            using var admin = new AdminClientBuilder(clientSettings).Build();
            var topics = configuration.Model.Projections.Values.Select(p => p.Topic).Append(settings.DeadLetterTopic).ToHashSet(StringComparer.Ordinal);
            var metadata = admin.GetMetadata(Budget);
            var topicPartitions = metadata.Topics
                .Where(t => topics.Contains(t.Topic) && t.Error.Code == Confluent.Kafka.ErrorCode.NoError)
                .SelectMany(t => t.Partitions.Select(p => new TopicPartition(t.Topic, p.PartitionId)))
                .OrderBy(tp => tp.Topic, StringComparer.Ordinal).ThenBy(tp => tp.Partition.Value)
                .ToList();
            var ingestion = topicPartitions.Where(tp => tp.Topic != settings.DeadLetterTopic).ToList();
            var committed = new Dictionary<TopicPartition, long>();
            if (ingestion.Count > 0)
            {
                var groups = await admin.ListConsumerGroupOffsetsAsync(
                    [new ConsumerGroupTopicPartitions(settings.ConsumerGroupId, ingestion)],
                    new Confluent.Kafka.Admin.ListConsumerGroupOffsetsOptions { RequestTimeout = Budget });
                foreach (var offset in groups.SelectMany(g => g.Partitions))
                {
                    if (offset.Offset.Value >= 0)
                    {
                        committed[offset.TopicPartition] = offset.Offset.Value;
                    }
                }
            }

            using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig(clientSettings) { GroupId = settings.ConsumerGroupId + "-status" }).Build();
            var clock = Stopwatch.StartNew();
            foreach (var tp in topicPartitions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var remaining = Budget - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    error = $"the brokers answered too slowly; {topicPartitions.Count - partitions.Count - deadLetters.Count} partitions are missing";
                    break;
                }

                var watermarks = consumer.QueryWatermarkOffsets(tp, remaining);
                if (tp.Topic == settings.DeadLetterTopic)
                {
                    deadLetters[tp.Partition.Value] = watermarks.High.Value - watermarks.Low.Value;
                    continue;
                }

                long? done = committed.TryGetValue(tp, out var c) ? c : null;
                partitions.Add(new PartitionLag(tp.Topic, tp.Partition.Value, done, watermarks.High.Value, Math.Max(0, watermarks.High.Value - (done ?? watermarks.Low.Value))));
            }
        }
        catch (KafkaException e)
        {
            error = e.Error.Reason;
        }

        return new KafkaStatus(
            kafka.BootstrapServers,
            kafka.IsEmbedded,
            settings.ConsumerGroupId,
            partitions,
            partitions.Sum(p => p.Lag),
            new DeadLetterCount(settings.DeadLetterTopic, deadLetters.Values.Sum(), deadLetters),
            error);
    }
}
