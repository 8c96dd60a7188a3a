using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Storage;

/// <summary>A hash index of <see cref="InMemoryCollection"/> on one field: index value -> the keys of the documents
/// holding it. Each key set is an array replaced on change (copy on write), so readers walk it without a lock or an
/// enumerator; changes come from the collection's writer, one at a time. A change costs the size of its value's set,
/// which suits the foreign keys lookups use (the lines of one order, the orders of one customer).</summary>
internal sealed class FieldIndex(string fieldName)
{
    private readonly ConcurrentDictionary<string, string[]> _keys = new(StringComparer.Ordinal);

    public string Field => fieldName;

    public string[] Keys(JsonElement value) =>
        _keys.TryGetValue(JsonScalars.EqualityKey(value), out var keys) ? keys : [];

    /// <summary>Moves <paramref name="key"/> from the value its document held <paramref name="before"/> to the one
    /// it holds <paramref name="after"/> (null = no document). Call only from the collection's writer.</summary>
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
            _keys[to] = _keys.TryGetValue(to, out var existing) ? [.. existing, key] : [key];
        }

        if (from is not null && _keys.TryGetValue(from, out var previous))
        {
            var index = Array.IndexOf(previous, key);
            if (index < 0)
            {
                return;
            }

            if (previous.Length == 1)
            {
                _keys.TryRemove(from, out _);
                return;
            }

            var remaining = new string[previous.Length - 1];
            Array.Copy(previous, remaining, index);
            Array.Copy(previous, index + 1, remaining, index, previous.Length - index - 1);
            _keys[from] = remaining;
        }
    }
}
