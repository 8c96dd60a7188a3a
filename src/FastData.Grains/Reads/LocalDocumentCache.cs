using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using FastData.Grains.Abstractions;

namespace FastData.Grains.Reads;

/// <summary>
/// The documents that grains activated on this silo serve, keyed by grain key ("name/key"), for the API co-hosted with
/// the silo: a read found here needs no grain call. Only the owning activation writes an entry, after storage
/// acknowledged the version it holds, and removes it when it deactivates, so an entry is never older than what the
/// grain itself would answer. A key that is not here (never read yet, or its grain lives on another silo) is read
/// through its grain.
/// </summary>
public sealed class LocalDocumentCache
{
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);

    public bool TryGet(string grainKey, [NotNullWhen(true)] out StoredDocument? document) =>
        _documents.TryGetValue(grainKey, out document);

    internal void Publish(string grainKey, StoredDocument document) => _documents[grainKey] = document;

    /// <summary>Removes the entry only if it is still <paramref name="document"/>: a later activation of the same key
    /// may already have published its own.</summary>
    internal void Withdraw(string grainKey, StoredDocument document) =>
        _documents.TryRemove(KeyValuePair.Create(grainKey, document));
}
