using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FastData.Model.Aggregation;

namespace FastData.Grains.Storage;

/// <summary>
/// The record store of the default run: MongoDB's semantics (compare-and-swap on a version, lookups by
/// indexed fields) in process memory. Stored documents are shared with readers and never mutated.
/// </summary>
public sealed class InMemoryRecordStore : IRecordStore
{
    private readonly ConcurrentDictionary<string, InMemoryCollection> _collections = new(StringComparer.Ordinal);

    public ValueTask<VersionedDocument?> ReadAsync(string collection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(collection).Read(key));

    public ValueTask<long> WriteAsync(string collection, string key, JsonObject document, long expectedVersion, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(collection).Write(key, document, expectedVersion));

    public ValueTask DeleteAsync(string collection, string key, long expectedVersion, CancellationToken cancellationToken)
    {
        Collection(collection).Delete(key, expectedVersion);
        return ValueTask.CompletedTask;
    }

    public ValueTask EnsureIndexAsync(string collection, string field, CancellationToken cancellationToken)
    {
        Collection(collection).EnsureIndex(field);
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<string> KeysAsync(string collection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in Collection(collection).Keys())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask;
    }

    public ValueTask<JsonObject?> GetAsync(string projection, string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(projection).Read(key)?.Document);

    public ValueTask<IReadOnlyList<JsonObject>> FindAsync(string projection, RecordFilter filter, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Collection(projection).Find(filter));

    private InMemoryCollection Collection(string name) => _collections.GetOrAdd(name, static n => new InMemoryCollection(n));
}
