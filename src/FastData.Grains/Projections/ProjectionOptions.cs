namespace FastData.Grains.Projections;

/// <summary>How projection grains live (configuration section <c>FastData:Projections</c>).</summary>
public sealed class ProjectionOptions
{
    /// <summary>
    /// How long a projection grain stays in memory after its last event or read. Its record lives in the record store, so
    /// an evicted key costs one store read when it changes again; keeping every key ingested in memory (Orleans' default is
    /// 15 minutes) would hold the whole source table twice and make every per-activation cost of the silo (Dashboard and
    /// activation metrics, directory, GC) grow with it. Must be longer than Orleans' collection quantum (1 minute by
    /// default). Default 2 minutes.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(2);
}
