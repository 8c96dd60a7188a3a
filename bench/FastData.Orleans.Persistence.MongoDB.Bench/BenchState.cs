namespace FastData.Orleans.Persistence.MongoDB.Bench;

/// <summary>A small state, like a projection record's bookkeeping.</summary>
public sealed class BenchState
{
    public string Name { get; set; } = string.Empty;

    public long Count { get; set; }

    public DateTime UpdatedAt { get; set; }
}
