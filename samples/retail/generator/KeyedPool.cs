namespace FastData.Samples.Retail;

/// <summary>
/// A set of keys with O(1) add, remove and uniform random pick; the generator needs all three on every change.
/// Removal swaps the last key into the hole, so the order depends only on the operations (deterministic).
/// </summary>
internal sealed class KeyedPool<T>
    where T : notnull
{
    private readonly List<T> _items = [];
    private readonly Dictionary<T, int> _positions = [];

    public int Count => _items.Count;

    public bool Contains(T key) => _positions.ContainsKey(key);

    public void Add(T key)
    {
        if (_positions.TryAdd(key, _items.Count))
        {
            _items.Add(key);
        }
    }

    public void Remove(T key)
    {
        if (!_positions.Remove(key, out var position))
        {
            return;
        }

        var last = _items.Count - 1;
        if (position != last)
        {
            var moved = _items[last];
            _items[position] = moved;
            _positions[moved] = position;
        }

        _items.RemoveAt(last);
    }

    public bool TryPick(Random random, out T key)
    {
        if (_items.Count == 0)
        {
            key = default!;
            return false;
        }

        key = _items[random.Next(_items.Count)];
        return true;
    }
}
