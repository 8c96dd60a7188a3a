namespace FastData.Model.Configuration;

/// <summary>The relationships between projections (Fast Data <c>erSchema.json</c>, version 1.0.0).</summary>
public sealed class ErSchema
{
    private readonly Dictionary<string, ErCondition> _byName;

    internal ErSchema(string file, IReadOnlyList<ErCondition> conditions, bool isComplete = true)
    {
        File = file;
        IsComplete = isComplete;
        Conditions = conditions;
        _byName = new Dictionary<string, ErCondition>(StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            _byName.TryAdd(condition.Name, condition);
        }
    }

    /// <summary>The file the schema was read from, relative to the configuration folder.</summary>
    public string File { get; }

    /// <summary>False when the file had errors (a condition may be missing because it was invalid).</summary>
    internal bool IsComplete { get; }

    /// <summary>Every condition in declaration order.</summary>
    public IReadOnlyList<ErCondition> Conditions { get; }

    /// <summary>Finds a condition by name.</summary>
    public bool TryGetCondition(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ErCondition? condition) =>
        _byName.TryGetValue(name, out condition);
}
