using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Model.Keys;

namespace FastData.Model.Tests.Support;

/// <summary>Projection records in memory, keyed by canonical key; counts the lookups it serves.</summary>
internal sealed class InMemoryResolver(FastDataModel model) : IProjectionResolver
{
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _records = new(StringComparer.Ordinal);

    /// <summary>How many queries <see cref="FindAsync"/> answered.</summary>
    public int Finds => FoundIn.Count;

    /// <summary>The projections queried by <see cref="FindAsync"/>, one entry per query.</summary>
    public List<string> FoundIn { get; } = [];

    /// <summary>The projections read by key (<see cref="GetAsync"/>), one entry per read.</summary>
    public List<string> GotIn { get; } = [];

    /// <summary>Batched reads by key (<see cref="GetManyAsync"/>), one entry per batch: the projection and the key count.</summary>
    public List<(string Projection, int Keys)> GotMany { get; } = [];

    /// <summary>Stores a record (PUBLIC unless it says otherwise) and returns its key.</summary>
    public string Put(string projection, JsonObject record)
    {
        if (!record.ContainsKey(RecordStates.Field))
        {
            record[RecordStates.Field] = RecordStates.Public;
        }

        var key = RecordKey.FromRecord(record, model.Projections[projection].PrimaryKey);
        if (!_records.TryGetValue(projection, out var table))
        {
            _records[projection] = table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        }

        table[key] = record;
        return key;
    }

    public JsonObject? Get(string projection, string key) =>
        _records.TryGetValue(projection, out var table) && table.TryGetValue(key, out var record) ? record : null;

    public void Remove(string projection, string key)
    {
        if (_records.TryGetValue(projection, out var table))
        {
            table.Remove(key);
        }
    }

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken)
    {
        GotIn.Add(projection);
        return ValueTask.FromResult(Get(projection, key));
    }

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken)
    {
        FoundIn.Add(projection);
        IReadOnlyList<JsonObject> found = _records.TryGetValue(projection, out var table)
            ? table.Values.Where(filter.Matches).Reverse().ToList()
            : [];
        return ValueTask.FromResult(found);
    }

    public ValueTask<IReadOnlyDictionary<string, JsonObject>> GetManyAsync(string projection, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        GotMany.Add((projection, keys.Count));
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (Get(projection, key) is { } record)
            {
                found[key] = record;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, JsonObject>>(found);
    }
}
