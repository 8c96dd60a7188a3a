using System.Text.Json.Nodes;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Storage;

/// <summary>One collection of <see cref="InMemoryRecordStore"/>: documents by key plus one hash index per
/// declared field, kept consistent under one lock (critical sections are a few dictionary operations).</summary>
internal sealed class InMemoryCollection(string name)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, VersionedDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> _indexes = new(StringComparer.Ordinal);

    public VersionedDocument? Read(string key)
    {
        lock (_lock)
        {
            return _documents.GetValueOrDefault(key);
        }
    }

    public long Write(string key, JsonObject document, long expectedVersion)
    {
        // Outside the lock: it only touches the caller's document, which nobody else sees yet.
        JsonMaterializer.Materialize(document);
        lock (_lock)
        {
            var current = Current(key, expectedVersion);
            if (current is not null)
            {
                Unindex(key, current.Document);
            }

            var stored = new VersionedDocument(document, expectedVersion + 1);
            _documents[key] = stored;
            Index(key, document);
            return stored.Version;
        }
    }

    public void Delete(string key, long expectedVersion)
    {
        lock (_lock)
        {
            var current = Current(key, expectedVersion);
            if (current is not null)
            {
                Unindex(key, current.Document);
                _documents.Remove(key);
            }
        }
    }

    /// <summary>The stored document, after checking that its version is <paramref name="expectedVersion"/>
    /// (0 = none stored). Call under the lock.</summary>
    private VersionedDocument? Current(string key, long expectedVersion)
    {
        var current = _documents.GetValueOrDefault(key);
        var actual = current?.Version ?? 0;
        return actual == expectedVersion ? current : throw new RecordVersionConflictException(name, key, expectedVersion, actual);
    }

    public void EnsureIndex(string field)
    {
        lock (_lock)
        {
            if (_indexes.ContainsKey(field))
            {
                return;
            }

            var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            _indexes[field] = index;
            foreach (var (key, stored) in _documents)
            {
                Add(index, IndexValueKey.Of(stored.Document[field]), key);
            }
        }
    }

    public string[] Keys()
    {
        lock (_lock)
        {
            return [.. _documents.Keys];
        }
    }

    public IReadOnlyList<JsonObject> Find(RecordFilter filter)
    {
        lock (_lock)
        {
            var results = new List<JsonObject>();
            foreach (var key in Candidates(filter))
            {
                var document = _documents[key].Document;
                if (filter.Matches(document))
                {
                    results.Add(document);
                }
            }

            return results;
        }
    }

    /// <summary>The keys that may match: an indexed equality narrows an And; an Or is the union of its
    /// children's candidates; anything else scans, as MongoDB would without an index.</summary>
    private IEnumerable<string> Candidates(RecordFilter filter)
    {
        switch (filter)
        {
            case FieldEqualsFilter eq when _indexes.TryGetValue(eq.Field, out var index):
                return index.TryGetValue(IndexValueKey.Of(eq.Value), out var keys) ? keys : [];
            case AndFilter allOf:
                foreach (var child in allOf.Children)
                {
                    if (child is FieldEqualsFilter eq && _indexes.ContainsKey(eq.Field))
                    {
                        return Candidates(child);
                    }
                }

                break;
            case OrFilter anyOf when anyOf.Children.All(IsIndexed):
                var union = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in anyOf.Children)
                {
                    union.UnionWith(Candidates(child));
                }

                return union;
        }

        return _documents.Keys;
    }

    private bool IsIndexed(RecordFilter filter) => filter switch
    {
        FieldEqualsFilter eq => _indexes.ContainsKey(eq.Field),
        AndFilter allOf => allOf.Children.Any(c => c is FieldEqualsFilter eq && _indexes.ContainsKey(eq.Field)),
        OrFilter anyOf => anyOf.Children.All(IsIndexed),
        _ => false,
    };

    private void Index(string key, JsonObject document)
    {
        foreach (var (field, index) in _indexes)
        {
            Add(index, IndexValueKey.Of(document[field]), key);
        }
    }

    private void Unindex(string key, JsonObject document)
    {
        foreach (var (field, index) in _indexes)
        {
            var value = IndexValueKey.Of(document[field]);
            if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
            {
                index.Remove(value);
            }
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (!index.TryGetValue(value, out var keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            index[value] = keys;
        }

        keys.Add(key);
    }
}
