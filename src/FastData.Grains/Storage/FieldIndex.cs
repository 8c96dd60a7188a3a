using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Storage;

/// <summary>A hash index of <see cref="InMemoryCollection"/> on one field: index value -> the documents holding it, each
/// with its key. Each set is an array replaced on change (copy on write, swapped atomically), so readers walk it
/// without a lock or an enumerator and writers of different documents never wait for each other. A change costs the
/// size of its value's set, which suits the foreign keys lookups use (the lines of one order, the orders of one
/// customer).</summary>
/// <remarks>An entry holds the document version it was filed with, which held the entry's value: when that version is
/// still the current one, a lookup of the value needs no filter check (checking every candidate was a third of an
/// aggregation's time); a version replaced since is checked against the filter. A lookup that races a write sees the
/// version before or the one after it.</remarks>
internal sealed class FieldIndex(string fieldName)
{
    private readonly ConcurrentDictionary<string, IndexEntry[]> _entries = new(StringComparer.Ordinal);

    public string Field => fieldName;

    /// <summary>The entries filed under the value whose <see cref="JsonScalars.EqualityKey(JsonNode?)"/> is
    /// <paramref name="equalityKey"/>.</summary>
    public IndexEntry[] Entries(string equalityKey) =>
        _entries.TryGetValue(equalityKey, out var entries) ? entries : [];

    /// <summary>Files <paramref name="key"/>'s document <paramref name="after"/> under the value it holds, and removes
    /// the one filed <paramref name="before"/> (null = no document).</summary>
    public void Move(string key, JsonObject? before, JsonObject? after)
    {
        var from = before is null ? null : JsonScalars.EqualityKey(before[fieldName]);
        var to = after is null ? null : JsonScalars.EqualityKey(after[fieldName]);

        // Added before removed: a reader between the two steps sees the key under both values, never under none; a
        // lookup of both values keeps one of them.
        if (to is not null)
        {
            _entries.AddOrUpdate(to, static (_, added) => [added], static (_, existing, added) => Filed(existing, added), new IndexEntry(key, after!));
        }

        if (from is not null && from != to)
        {
            Remove(from, key);
        }
    }

    /// <summary>The set with <paramref name="added"/> filed: it replaces the entry of the same key, if any.</summary>
    private static IndexEntry[] Filed(IndexEntry[] existing, IndexEntry added)
    {
        var at = IndexOf(existing, added.Key);
        if (at < 0)
        {
            return [.. existing, added];
        }

        var replaced = (IndexEntry[])existing.Clone();
        replaced[at] = added;
        return replaced;
    }

    private static int IndexOf(IndexEntry[] entries, string key)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Remove(string value, string key)
    {
        // Retried when another writer replaced the set in between: the swap only succeeds on the set it was computed from.
        while (_entries.TryGetValue(value, out var previous))
        {
            var index = IndexOf(previous, key);
            if (index < 0)
            {
                return;
            }

            if (previous.Length == 1)
            {
                if (_entries.TryRemove(KeyValuePair.Create(value, previous)))
                {
                    return;
                }

                continue;
            }

            var remaining = new IndexEntry[previous.Length - 1];
            Array.Copy(previous, remaining, index);
            Array.Copy(previous, index + 1, remaining, index, previous.Length - index - 1);
            if (_entries.TryUpdate(value, remaining, previous))
            {
                return;
            }
        }
    }
}
