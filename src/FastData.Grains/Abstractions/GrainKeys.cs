namespace FastData.Grains.Abstractions;

/// <summary>
/// Projection and single-view grains are keyed "name/key": the projection or single-view name, a slash, the
/// canonical record key. Names never contain '/', keys may (the split is on the first slash).
/// </summary>
public static class GrainKeys
{
    public const char Separator = '/';

    public static string Compose(string name, string key) => string.Concat(name, "/", key);

    public static (string Name, string Key) Split(string grainKey)
    {
        var slash = grainKey.IndexOf(Separator, StringComparison.Ordinal);
        return slash <= 0
            ? throw new ArgumentException($"'{grainKey}' is not a 'name/key' grain key.", nameof(grainKey))
            : (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
