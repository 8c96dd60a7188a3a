using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka;
using FastData.Orleans.Streaming.Kafka.Formats;
using FastData.Samples.Retail;

namespace FastData.Grains.Tests;

/// <summary>
/// A seeded random CDC workload on samples/retail: the retail generator's Debezium records, laid out on Kafka-like
/// partitions (offsets per partition; a third of the keys move to another partition halfway through, so their
/// events race on two partitions) and decoded by the Kafka provider's own Debezium format, exactly as the provider
/// would hand them to the projection grains.
/// </summary>
internal sealed class ConvergenceWorkload
{
    public const int PartitionsPerTopic = 4;

    private ConvergenceWorkload(IReadOnlyList<ConvergencePartition> partitions, IReadOnlyList<ConvergenceEvent> events, int records, IReadOnlyDictionary<CdcRecordOrigin, int> origins, int movedKeys, IReadOnlyList<ConvergenceRecord> produced)
    {
        Produced = produced;
        Partitions = partitions;
        Events = events;
        Records = records;
        Origins = origins;
        MovedKeys = movedKeys;
    }

    /// <summary>The decoded events of each partition, in offset order.</summary>
    public IReadOnlyList<ConvergencePartition> Partitions { get; }

    /// <summary>Every decoded event, in production order.</summary>
    public IReadOnlyList<ConvergenceEvent> Events { get; }

    /// <summary>The Kafka records, in production order, each with the partition it goes to (tombstones included).</summary>
    public IReadOnlyList<ConvergenceRecord> Produced { get; }

    /// <summary>Kafka records produced (tombstones included).</summary>
    public int Records { get; }

    /// <summary>How many records each generator origin produced (the workload's mix, for the assertions).</summary>
    public IReadOnlyDictionary<CdcRecordOrigin, int> Origins { get; }

    /// <summary>Keys whose records were on two partitions.</summary>
    public int MovedKeys { get; }

    public static ConvergenceWorkload Create(FastDataModel model, RetailGeneratorOptions options)
    {
        var records = new RetailEventGenerator(options).Generate().ToList();
        var format = new DebeziumMessageFormat();
        var keyFields = model.Projections.Values.ToDictionary(p => p.Topic, p => new KafkaKeyFields(p.PrimaryKey), StringComparer.Ordinal);
        var offsets = new Dictionary<(string, int), long>();
        var partitions = new Dictionary<(string, int), List<ConvergenceEvent>>();
        var events = new List<ConvergenceEvent>();
        var origins = new Dictionary<CdcRecordOrigin, int>();
        var moved = new HashSet<(string, string)>();
        var moveFrom = records.Count / 2;
        var produced = new List<ConvergenceRecord>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            origins[record.Origin] = origins.GetValueOrDefault(record.Origin) + 1;
            if (!model.TryGetProjectionByTopic(record.Topic, out var projection))
            {
                throw new InvalidOperationException($"The generator wrote to '{record.Topic}', which no projection of samples/retail reads.");
            }

            var hash = StableHash(record.Key);
            var partition = (int)(hash % PartitionsPerTopic);
            if (hash % 3 == 0 && i >= moveFrom)
            {
                partition = (partition + 1) % PartitionsPerTopic;
                moved.Add((record.Topic, Convert.ToHexString(record.Key)));
            }

            produced.Add(new ConvergenceRecord(record.Topic, partition, record.Key, record.Value, record.TimestampMs));
            var offset = offsets.GetValueOrDefault((record.Topic, partition));
            offsets[(record.Topic, partition)] = offset + 1;
            var decoded = format.Decode(
                new KafkaRecord(record.Topic, partition, offset, DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMs), record.Key, record.Value),
                keyFields[record.Topic]);
            if (decoded.IsFailure)
            {
                throw new InvalidOperationException($"Record {i} ({record.Topic}@{offset}) did not decode: {decoded.Failure} {decoded.FailureDetail}");
            }

            for (var e = 0; e < decoded.Count; e++)
            {
                var change = new ConvergenceEvent(projection.Name, decoded[e]);
                events.Add(change);
                if (!partitions.TryGetValue((record.Topic, partition), out var list))
                {
                    partitions[(record.Topic, partition)] = list = [];
                }

                list.Add(change);
            }
        }

        return new ConvergenceWorkload(
            partitions.Select(p => new ConvergencePartition(p.Key.Item1, p.Key.Item2, p.Value)).ToList(),
            events,
            records.Count,
            origins,
            moved.Count,
            produced);
    }

    /// <summary>FNV-1a: stable across runs and processes, unlike string.GetHashCode.</summary>
    private static uint StableHash(byte[] key)
    {
        var hash = 2166136261u;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}

/// <summary>One decoded change and the projection it belongs to.</summary>
internal sealed record ConvergenceEvent(string Projection, KafkaChangeEvent Change);

/// <summary>A Kafka record of the workload and the partition it is produced to.</summary>
internal sealed record ConvergenceRecord(string Topic, int Partition, byte[] Key, byte[]? Value, long TimestampMs);

/// <summary>The events of one topic-partition, in offset order.</summary>
internal sealed record ConvergencePartition(string Topic, int Partition, IReadOnlyList<ConvergenceEvent> Events);
