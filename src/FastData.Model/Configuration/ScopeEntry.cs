namespace FastData.Model.Configuration;

/// <summary>A projection dependency visible while a configuration is evaluated.</summary>
/// <param name="Alias">The dependency name.</param>
/// <param name="Projection">Its projection.</param>
/// <param name="IsMany">Bound to a list (one-to-many) rather than a record.</param>
/// <param name="IsBroken">The dependency has a configuration error (no further errors about its uses).</param>
/// <param name="Depth">0 for SV_CONFIG, +1 per nested config.</param>
internal sealed record ScopeEntry(string Alias, string Projection, bool IsMany, bool IsBroken = false, int Depth = 0)
{
    /// <summary>
    /// The dependency an ER condition starts from. With <c>useAlias</c>: the innermost dependency of that name.
    /// Without: searching the innermost configuration first (a joined record belongs to its config), the
    /// dependency named exactly as the projection, else the most recently declared one of that projection.
    /// </summary>
    public static int FindSource<T>(IReadOnlyList<T> scope, Func<T, (string Alias, string Projection, int Depth, bool Broken)> describe,
        string fromProjection, string? useAlias)
    {
        if (useAlias is not null)
        {
            for (var i = scope.Count - 1; i >= 0; i--)
            {
                var (alias, projection, _, broken) = describe(scope[i]);
                if (alias == useAlias)
                {
                    return projection == fromProjection || broken ? i : -1;
                }
            }

            return -1;
        }

        var depths = scope.Select(e => describe(e).Depth).Distinct().OrderDescending();
        foreach (var depth in depths)
        {
            var latest = -1;
            for (var i = scope.Count - 1; i >= 0; i--)
            {
                var (alias, projection, d, broken) = describe(scope[i]);
                if (d != depth || (projection != fromProjection && !broken))
                {
                    continue;
                }

                if (alias == fromProjection)
                {
                    return i;
                }

                if (latest < 0)
                {
                    latest = i;
                }
            }

            if (latest >= 0)
            {
                return latest;
            }
        }

        return -1;
    }

    public static ScopeEntry? FindSource(IReadOnlyList<ScopeEntry> scope, string fromProjection, string? useAlias)
    {
        var index = FindSource(scope, e => (e.Alias, e.Projection, e.Depth, e.IsBroken), fromProjection, useAlias);
        return index < 0 ? null : scope[index];
    }
}
