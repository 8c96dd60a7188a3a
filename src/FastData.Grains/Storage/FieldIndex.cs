using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Storage;

/// <summary>A hash index of <see cref="InMemoryCollection"/> on one field: index value -> the keys of the documents
/// holding it. Each key set is an array replaced on change (copy on write, swapped atomically), so readers walk it
/// without a lock or an enumerator and writers of different documents never wait for each other. A change costs the
/// size of its value's set, which suits the foreign keys lookups use (the lines of one order, the orders of one
/// customer).</summary>
internal sealed class FieldIndex(string fieldName)
{
    private readonly ConcurrentDictionary<string, string[]> _keys = new(StringComparer.Ordinal);

    public string Field => fieldName;

    public string[] Keys(JsonElement value) =>
        _keys.TryGetValue(JsonScalars.EqualityKey(value), out var keys) ? keys : [];

    /// <summary>Moves <paramref name="key"/> from the value its document held <paramref name="before"/> to the one
    /// it holds <paramref name="after"/> (null = no document). Adding a key already there keeps one.</summary>
    public void Move(string key, JsonObject? before, JsonObject? after)
    {
        var from = before is null ? null : JsonScalars.EqualityKey(before[fieldName]);
        var to = after is null ? null : JsonScalars.EqualityKey(after[fieldName]);
        if (from == to)
        {
            return;
        }

        // Added before removed: a reader between the two steps sees the key under both values, never under none,
        // and the filter's own check on the document read decides.
        if (to is not null)
        {
            _keys.AddOrUpdate(to, static (_, added) => [added], static (_, existing, added) => Array.IndexOf(existing, added) >= 0 ? existing : [.. existing, added], key);
        }

        if (from is not null)
        {
            Remove(from, key);
        }
    }

    private void Remove(string value, string key)
    {
        // Retried when another writer replaced the set in between: the swap only succeeds on the set it was computed from.
        while (_keys.TryGetValue(value, out var previous))
        {
            var index = Array.IndexOf(previous, key);
            if (index < 0)
            {
                return;
            }

            if (previous.Length == 1)
            {
                if (_keys.TryRemove(KeyValuePair.Create(value, previous)))
                {
                    return;
                }

                continue;
            }

            var remaining = new string[previous.Length - 1];
            Array.Copy(previous, remaining, index);
            Array.Copy(previous, index + 1, remaining, index, previous.Length - index - 1);
            if (_keys.TryUpdate(value, remaining, previous))
            {
                return;
            }
        }
    }
}
