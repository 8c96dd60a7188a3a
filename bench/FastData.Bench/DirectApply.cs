using System.Diagnostics;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Model.Configuration;
using FastData.Orleans.Streaming.Kafka.Formats;
using FastData.Samples.Retail;

namespace FastData.Bench;

/// <summary>
/// The grains alone, without Kafka or the stream provider: the same generator records decoded by the provider's
/// Debezium format and applied with <see cref="IProjectionGrain.ApplyAsync"/> by <c>lanes</c> concurrent callers
/// (a key always goes to the same lane, so its order is kept). Separates the grains' cost from the provider's.
/// </summary>
internal static class DirectApply
{
    public static async Task<double> MeasureAsync(PipelineGrainReferences grains, FastDataModel model, IEnumerable<CdcRecord> records, int lanes, long firstOffset)
    {
        var format = new DebeziumMessageFormat();
        var keyFields = model.Projections.Values.ToDictionary(p => p.Topic, p => new KafkaKeyFields(p.PrimaryKey), StringComparer.Ordinal);
        var work = Enumerable.Range(0, lanes).Select(_ => new List<(string Projection, FastData.Orleans.Streaming.Kafka.KafkaChangeEvent Change)>()).ToArray();
        // Offsets go on from an earlier call's (the warm-up's): a key's later event must not look older.
        var offset = firstOffset;
        foreach (var record in records)
        {
            model.TryGetProjectionByTopic(record.Topic, out var projection);
            var decoded = format.Decode(new KafkaRecord(record.Topic, 0, offset++, DateTimeOffset.UtcNow, record.Key, record.Value), keyFields[record.Topic]);
            for (var i = 0; i < decoded.Count; i++)
            {
                var change = decoded[i];
                work[(int)((uint)StringComparer.Ordinal.GetHashCode(change.Key) % lanes)].Add((projection!.Name, change));
            }
        }

        var events = work.Sum(w => w.Count);
        var before = GcSnapshot.Take();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(work.Select(async lane =>
        {
            await Task.Yield();
            foreach (var (projection, change) in lane)
            {
                await grains.Projection(GrainKeys.Compose(projection, change.Key)).ApplyAsync(change);
            }
        }));
        var rate = events / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"direct grain calls ({lanes} lanes, no Kafka, no stream provider): {events} events in {clock.Elapsed.TotalSeconds:0.00} s = {rate:0} events/s; "
            + GcSnapshot.Take().CpuPerRecord(before, events));
        return rate;
    }
}
