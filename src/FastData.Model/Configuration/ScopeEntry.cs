namespace FastData.Model.Configuration;

/// <summary>A projection dependency visible while a configuration is evaluated.</summary>
internal sealed record ScopeEntry(string Alias, string Projection, bool IsMany, bool IsBroken = false)
{
    /// <summary>
    /// The dependency an ER condition starts from: <c>useAlias</c> when given, else the most recently bound
    /// dependency of the condition's source projection (a join record is bound last when its config starts).
    /// </summary>
    public static ScopeEntry? FindSource(IReadOnlyList<ScopeEntry> scope, string fromProjection, string? useAlias)
    {
        for (var i = scope.Count - 1; i >= 0; i--)
        {
            var entry = scope[i];
            if ((entry.Projection == fromProjection || entry.IsBroken) && (useAlias is null || entry.Alias == useAlias))
            {
                return entry;
            }
        }

        return null;
    }
}
