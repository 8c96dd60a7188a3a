using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Storage;

/// <summary>One collection of <see cref="InMemoryRecordStore"/>: documents by key plus one hash index per
/// declared field, without locks. A write is a compare-and-swap of the document on its version, then an atomic update
/// of each index entry it moves between; readers never wait. Aggregations read far more than projections write, and
/// on a busy machine a thread stuck behind a preempted lock holder spins: profiles of the pipeline showed a quarter of
/// its lock contention on a per-collection write lock.</summary>
/// <remarks>A lookup that races a write sees each document before or after it, never half-written, and a
/// document is returned only if it matches the filter as read, as with MongoDB's non-snapshot reads. One key is
/// written by one grain activation at a time; the version check still rejects a second writer.</remarks>
internal sealed class InMemoryCollection(string name)
{
    private readonly Lock _indexCreation = new();
    private readonly ConcurrentDictionary<string, VersionedDocument> _documents = new(StringComparer.Ordinal);
    private volatile FieldIndex[] _indexes = [];

    public VersionedDocument? Read(string key) => _documents.GetValueOrDefault(key);

    public long Write(string key, JsonObject document, long expectedVersion)
    {
        // Before publishing: it only touches the caller's document, which nobody else sees yet.
        JsonMaterializer.Materialize(document);
        return Swap(key, new VersionedDocument(document, expectedVersion + 1), expectedVersion);
    }

    /// <summary>Keeps <paramref name="utf8"/> as it is when no index reads the collection (single views: each read
    /// builds its own tree, and the collector has one array to trace instead of a tree per document); an indexed
    /// collection files trees, which its entries point at.</summary>
    public long Write(string key, ReadOnlyMemory<byte> utf8, long expectedVersion) =>
        _indexes.Length == 0
            ? Swap(key, new VersionedDocument(utf8, expectedVersion + 1), expectedVersion)
            : Write(key, StoredJson.ParseObject(utf8.Span), expectedVersion);

    private long Swap(string key, VersionedDocument stored, long expectedVersion)
    {
        VersionedDocument? previous = null;
        var swapped = expectedVersion == 0
            ? _documents.TryAdd(key, stored)
            : (previous = _documents.GetValueOrDefault(key)) is not null && previous.Version == expectedVersion && _documents.TryUpdate(key, stored, previous);
        if (!swapped)
        {
            throw Conflict(key, expectedVersion);
        }

        // An index created after the document was stored reads a tree built from its bytes.
        foreach (var index in _indexes)
        {
            index.Move(key, previous?.Document, stored.Document);
        }

        return stored.Version;
    }

    public void Delete(string key, long expectedVersion)
    {
        var current = _documents.GetValueOrDefault(key);
        if ((current?.Version ?? 0) != expectedVersion)
        {
            throw Conflict(key, expectedVersion);
        }

        if (current is null)
        {
            return;
        }

        if (!_documents.TryRemove(KeyValuePair.Create(key, current)))
        {
            throw Conflict(key, expectedVersion);
        }

        foreach (var index in _indexes)
        {
            index.Move(key, current.Document, null);
        }
    }

    private RecordVersionConflictException Conflict(string key, long expectedVersion) =>
        new(name, key, expectedVersion, _documents.GetValueOrDefault(key)?.Version ?? 0);

    public void EnsureIndex(string field)
    {
        lock (_indexCreation)
        {
            if (IndexOn(field) is not null)
            {
                return;
            }

            // Published before it is filled: a write from now on moves its key itself, and one that raced the
            // publication is in the documents the fill reads (adding a key twice keeps one).
            var index = new FieldIndex(field);
            _indexes = [.. _indexes, index];
            foreach (var (key, stored) in _documents)
            {
                index.Move(key, null, stored.Document);
            }
        }
    }

    public string[] Keys() => [.. _documents.Keys];

    public IReadOnlyList<JsonObject> Find(RecordFilter filter)
    {
        var results = new List<JsonObject>();
        Collect(filter, results, null);
        return results;
    }

    /// <summary>Adds the documents that match: an indexed equality walks its index entries, an And with one walks that
    /// equality's entries and checks the rest, anything else scans, as MongoDB would without an index. Each document is
    /// read as it is now, and it counts only if it matches as read.</summary>
    private void Collect(RecordFilter filter, List<JsonObject> results, HashSet<string>? seen)
    {
        switch (filter)
        {
            case FieldEqualsFilter eq when IndexOn(eq.Field) is { } index:
                CollectFiled(index.Entries(eq.EqualityKey), filter, exact: true, results, seen);
                return;
            case AndFilter allOf when IndexedEquality(allOf) is var (eq, index):
                CollectFiled(index.Entries(eq.EqualityKey), filter, exact: false, results, seen);
                return;
            case OrFilter anyOf when IsIndexed(anyOf):
                // Each child checks its own candidates only: the whole Or against the union costs children × candidates,
                // and batched lookups Or together hundreds of children. A document matching two children is kept once, by
                // its key: a document stored as bytes is a new tree at each read.
                seen ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var child in anyOf.Children)
                {
                    Collect(child, results, seen);
                }

                return;
        }

        foreach (var (key, stored) in _documents)
        {
            var document = stored.Document;
            if (filter.Matches(document) && (seen is null || seen.Add(key)))
            {
                results.Add(document);
            }
        }
    }

    /// <param name="exact">The filter is the indexed equality itself: an entry whose document is still the current
    /// version matches by construction, and only a document written since it was filed is checked again.</param>
    private void CollectFiled(IndexEntry[] entries, RecordFilter filter, bool exact, List<JsonObject> results, HashSet<string>? seen)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (!_documents.TryGetValue(entry.Key, out var current))
            {
                continue;
            }

            var document = current.Document;
            if (((exact && ReferenceEquals(document, entry.Document)) || filter.Matches(document)) && (seen is null || seen.Add(entry.Key)))
            {
                results.Add(document);
            }
        }
    }

    private (FieldEqualsFilter Equality, FieldIndex Index)? IndexedEquality(AndFilter allOf)
    {
        foreach (var child in allOf.Children)
        {
            if (child is FieldEqualsFilter eq && IndexOn(eq.Field) is { } index)
            {
                return (eq, index);
            }
        }

        return null;
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
