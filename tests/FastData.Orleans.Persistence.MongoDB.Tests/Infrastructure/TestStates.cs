namespace FastData.Orleans.Persistence.MongoDB.Tests;

public sealed class CounterState
{
    public string Name { get; set; } = string.Empty;

    public int Count { get; set; }

    public long Total { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<string> Tags { get; set; } = [];
}
