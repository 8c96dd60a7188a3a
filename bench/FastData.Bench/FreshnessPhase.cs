namespace FastData.Bench;

/// <summary>What one paced phase measured: freshness percentiles, the same with the collector's pauses taken out of
/// each sample, and what the phase cost.</summary>
internal sealed record FreshnessPhase(
    double Load,
    double Rate,
    int Samples,
    double P50,
    double P99,
    double Max,
    double P99WithoutPauses,
    int OverGoal,
    int OverGoalPaused,
    double AggregationsPerRecord,
    double NewKeyShare,
    double CpuPerRecordMicroseconds,
    string Outcomes,
    string Gc)
{
    /// <summary>The issue's freshness goal, p99 under 100 ms: samples above it are the tail the phase is judged on.</summary>
    public const double GoalMs = 100;

    public static FreshnessPhase Measure(double load, double rate, List<FreshnessSample> samples, GcPauseLog pauses, double aggregationsPerRecord, double newKeyShare, double cpuPerRecordMicroseconds, string outcomes, string gc)
    {
        var paused = samples.Select(s => (s.Milliseconds, Paused: pauses.PausedWithin(s.ProducedAt, s.RecordedAt))).ToList();
        var values = paused.Select(s => s.Milliseconds).Order().ToList();
        var unpaused = paused.Select(s => s.Milliseconds - s.Paused).Order().ToList();
        var overGoal = paused.Where(s => s.Milliseconds > GoalMs).ToList();
        return new FreshnessPhase(load, rate, values.Count, Bench.Percentile(values, 0.50), Bench.Percentile(values, 0.99), values.Count > 0 ? values[^1] : double.NaN,
            Bench.Percentile(unpaused, 0.99), overGoal.Count, overGoal.Count(s => s.Paused > 0), aggregationsPerRecord, newKeyShare, cpuPerRecordMicroseconds, outcomes, gc);
    }

    public override string ToString() =>
        $"  {Load,4:P0} load ({Rate,7:0} records/s): p50 {P50,7:0.0} ms  p99 {P99,7:0.0} ms  max {Max,7:0.0} ms  ({Samples} samples, {AggregationsPerRecord:0.00} aggregations and {CpuPerRecordMicroseconds:0} µs of CPU per record, {NewKeyShare:P0} with a new key)"
        + Environment.NewLine + $"  {"",4}       p99 with each sample's GC pauses taken out {P99WithoutPauses:0.0} ms; {OverGoal} samples over {GoalMs:0} ms, {OverGoalPaused} of them waited through a GC pause"
        + Environment.NewLine + $"  {"",4}       aggregations by outcome: {Outcomes}"
        + Environment.NewLine + $"  {"",4}       {Gc}";
}
