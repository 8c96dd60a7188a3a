using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Storage;

/// <summary>One collection of <see cref="InMemoryRecordStore"/>: documents by key plus one hash index per
/// declared field. Writers take a lock (compare-and-swap on the version, then documents and indexes); readers take
/// none: aggregations read far more than projections write, and on a busy machine a reader stuck behind a
/// preempted lock holder spins, so the key sets are immutable values replaced on write.</summary>
/// <remarks>A lookup that races a write sees each document before or after it, never half-written, and a
/// document is returned only if it matches the filter as read, as with MongoDB's non-snapshot reads.</remarks>
internal sealed class InMemoryCollection(string name)
{
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, VersionedDocument> _documents = new(StringComparer.Ordinal);
    private volatile FieldIndex[] _indexes = [];

    public VersionedDocument? Read(string key) => _documents.GetValueOrDefault(key);

    public long Write(string key, JsonObject document, long expectedVersion)
    {
        // Outside the lock: it only touches the caller's document, which nobody else sees yet.
        JsonMaterializer.Materialize(document);
        lock (_writeLock)
        {
            var current = Current(key, expectedVersion);
            var stored = new VersionedDocument(document, expectedVersion + 1);
            foreach (var index in _indexes)
            {
                index.Move(key, current?.Document, document);
            }

            _documents[key] = stored;
            return stored.Version;
        }
    }

    public void Delete(string key, long expectedVersion)
    {
        lock (_writeLock)
        {
            if (Current(key, expectedVersion) is { } current)
            {
                _documents.TryRemove(key, out _);
                foreach (var index in _indexes)
                {
                    index.Move(key, current.Document, null);
                }
            }
        }
    }

    /// <summary>The stored document, after checking that its version is <paramref name="expectedVersion"/>
    /// (0 = none stored). Call under the write lock.</summary>
    private VersionedDocument? Current(string key, long expectedVersion)
    {
        var current = _documents.GetValueOrDefault(key);
        var actual = current?.Version ?? 0;
        return actual == expectedVersion ? current : throw new RecordVersionConflictException(name, key, expectedVersion, actual);
    }

    public void EnsureIndex(string field)
    {
        lock (_writeLock)
        {
            if (IndexOn(field) is not null)
            {
                return;
            }

            var index = new FieldIndex(field);
            foreach (var (key, stored) in _documents)
            {
                index.Move(key, null, stored.Document);
            }

            _indexes = [.. _indexes, index];
        }
    }

    public string[] Keys() => [.. _documents.Keys];

    public IReadOnlyList<JsonObject> Find(RecordFilter filter)
    {
        var results = new List<JsonObject>();
        if (filter is OrFilter anyOf && IsIndexed(anyOf))
        {
            // Each child checks its own candidates only: the whole Or against the union costs children × candidates,
            // and batched lookups Or together hundreds of children.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in anyOf.Children)
            {
                Collect(child, results, seen);
            }

            return results;
        }

        Collect(filter, results, null);
        return results;
    }

    private void Collect(RecordFilter filter, List<JsonObject> results, HashSet<string>? seen)
    {
        var candidates = Candidates(filter);
        for (var i = 0; i < candidates.Count; i++)
        {
            var key = candidates[i];
            if ((seen is null || !seen.Contains(key)) && _documents.TryGetValue(key, out var found) && filter.Matches(found.Document))
            {
                seen?.Add(key);
                results.Add(found.Document);
            }
        }
    }

    /// <summary>The keys that may match: an indexed equality narrows an And; an Or is the union of its
    /// children's candidates; anything else scans, as MongoDB would without an index.</summary>
    private IReadOnlyList<string> Candidates(RecordFilter filter)
    {
        switch (filter)
        {
            case FieldEqualsFilter eq when IndexOn(eq.Field) is { } index:
                return index.Keys(eq.Value);
            case AndFilter allOf:
                foreach (var child in allOf.Children)
                {
                    if (child is FieldEqualsFilter eq && IndexOn(eq.Field) is not null)
                    {
                        return Candidates(child);
                    }
                }

                break;
            case OrFilter anyOf when IsIndexed(anyOf):
                var union = new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in anyOf.Children)
                {
                    union.UnionWith(Candidates(child));
                }

                return [.. union];
        }

        return [.. _documents.Keys];
    }

    private FieldIndex? IndexOn(string field)
    {
        // A loop, not Array.Find: a predicate capturing the field would allocate on every lookup.
        foreach (var index in _indexes)
        {
            if (index.Field == field)
            {
                return index;
            }
        }

        return null;
    }

    private bool IsIndexed(RecordFilter filter) => filter switch
    {
        FieldEqualsFilter eq => IndexOn(eq.Field) is not null,
        AndFilter allOf => allOf.Children.Any(c => c is FieldEqualsFilter eq && IndexOn(eq.Field) is not null),
        OrFilter anyOf => anyOf.Children.All(IsIndexed),
        _ => false,
    };
}
