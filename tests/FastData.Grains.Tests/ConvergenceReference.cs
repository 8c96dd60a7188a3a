using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Casting;
using FastData.Model.Configuration;
using FastData.Model.Keys;
using FastData.Orleans.Streaming.Kafka;

namespace FastData.Grains.Tests;

/// <summary>
/// The expected outcome of a workload, computed without the pipeline: the raw events replayed into each key's final
/// state by the source's own ordering (Debezium LSN), cast with <see cref="ProjectionRecordCaster"/>, and every
/// single view aggregated from scratch by <see cref="AggregationEngine"/> over a plain linear-scan resolver.
/// </summary>
internal sealed class ConvergenceReference : IProjectionResolver
{
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _public = new(StringComparer.Ordinal);

    private ConvergenceReference()
    {
    }

    /// <summary>The PUBLIC records of each projection, by key.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, JsonObject>> Records => _public;

    /// <summary>Keys whose last event (by source ordering) is a delete, per projection.</summary>
    public Dictionary<string, HashSet<string>> Deleted { get; } = new(StringComparer.Ordinal);

    public static ConvergenceReference Build(FastDataModel model, IEnumerable<ConvergenceEvent> events)
    {
        var latest = new Dictionary<(string Projection, string Key), KafkaChangeEvent>();
        foreach (var (projection, change) in events)
        {
            if (!latest.TryGetValue((projection, change.Key), out var current) || IsNewer(change, current))
            {
                latest[(projection, change.Key)] = change;
            }
        }

        var reference = new ConvergenceReference();
        foreach (var projection in model.Projections.Keys)
        {
            reference._public[projection] = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            reference.Deleted[projection] = new HashSet<string>(StringComparer.Ordinal);
        }

        foreach (var ((projection, key), change) in latest)
        {
            if (change.Operation == ChangeOperation.Delete)
            {
                reference.Deleted[projection].Add(key);
                continue;
            }

            var cast = ProjectionRecordCaster.Cast(model.Projections[projection], (JsonObject)JsonNode.Parse(change.After.Span)!);
            if (cast.Violations.Count > 0)
            {
                throw new InvalidOperationException($"{projection} '{key}': the generator wrote an invalid record: {string.Join("; ", cast.Violations)}");
            }

            var record = cast.Record;
            record[RecordStates.Field] = RecordStates.Public;
            reference._public[projection][key] = record;
        }

        return reference;
    }

    /// <summary>The single-view documents a from-scratch aggregation gives, by key (validator applied).</summary>
    public async Task<Dictionary<string, JsonObject>> ExpectedSingleViewsAsync(SingleViewDefinition singleView, CancellationToken cancellationToken)
    {
        var keyFields = singleView.KeyFields.Select(k => k.ProjectionField).ToArray();
        var expected = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var record in _public[singleView.BaseProjection.Name].Values)
        {
            var key = RecordKey.FromRecord(record, keyFields);
            var document = await AggregationEngine.AggregateAsync(singleView, key, this, cancellationToken);
            if (document is not null && (singleView.Validator is not { } validator || validator(document)))
            {
                expected[key] = document;
            }
        }

        return expected;
    }

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_public.TryGetValue(projection, out var records) && records.TryGetValue(key, out var record) ? record : null);

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<JsonObject>>(_public.TryGetValue(projection, out var records)
            ? records.Values.Where(filter.Matches).ToList()
            : []);

    /// <summary>Debezium LSNs order the events of one row; equal LSNs are the same change (duplicate or replay).</summary>
    private static bool IsNewer(KafkaChangeEvent change, KafkaChangeEvent current)
    {
        var byOrdering = KafkaChangeEvent.CompareSourceOrdering(change.SourceOrdering, current.SourceOrdering);
        return byOrdering > 0 || (byOrdering == 0 && change.Index > current.Index);
    }
}
