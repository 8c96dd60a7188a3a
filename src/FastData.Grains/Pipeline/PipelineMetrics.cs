using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FastData.Grains.Pipeline;

/// <summary>The pipeline's instruments (Meter <c>FastData.Pipeline</c>), tagged by projection or single view.</summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "FastData.Pipeline";

    private readonly Meter _meter;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _stale;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _unknownFields;
    private readonly Counter<long> _aggregations;
    private readonly Counter<long> _refreshRequests;
    private readonly Counter<long> _changesUnread;
    private readonly Histogram<double> _aggregationDuration;
    private readonly Histogram<double> _freshness;

    public PipelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _applied = _meter.CreateCounter<long>("fastdata.projection.events.applied", "{event}", "Events applied to projection records.");
        _stale = _meter.CreateCounter<long>("fastdata.projection.events.stale", "{event}", "Events dropped as duplicates or older than the stored record.");
        _deadLettered = _meter.CreateCounter<long>("fastdata.projection.events.dead_lettered", "{event}", "Events that violated the projection's schema.");
        _unknownFields = _meter.CreateCounter<long>("fastdata.projection.fields.unknown", "{field}", "Source fields the projection does not declare, dropped.");
        _aggregations = _meter.CreateCounter<long>("fastdata.single_view.aggregations", "{aggregation}", "Single-view aggregations run.");
        _refreshRequests = _meter.CreateCounter<long>("fastdata.single_view.refresh_requests", "{request}",
            "Requests to refresh a single view (one per change that touches it); requests per aggregation shows how much coalescing saves.");
        _changesUnread = _meter.CreateCounter<long>("fastdata.single_view.changes_unread", "{change}",
            "Projection updates that kept every field a single view reads, so they refreshed none of its documents.");
        _aggregationDuration = _meter.CreateHistogram<double>("fastdata.single_view.aggregation.duration", "ms", "Time to aggregate and persist one single view.");
        _freshness = _meter.CreateHistogram<double>("fastdata.single_view.freshness", "ms", "From the Kafka record's timestamp to the single view persisted.");
    }

    public void Applied(string projection, int count = 1) => _applied.Add(count, new KeyValuePair<string, object?>("projection", projection));

    public void Stale(string projection) => _stale.Add(1, new KeyValuePair<string, object?>("projection", projection));

    public void DeadLettered(string projection, string reason) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("projection", projection), new KeyValuePair<string, object?>("reason", reason));

    public void UnknownFields(string projection, int count)
    {
        if (count > 0)
        {
            _unknownFields.Add(count, new KeyValuePair<string, object?>("projection", projection));
        }
    }

    public void Aggregated(string singleView, TimeSpan duration, string outcome)
    {
        var tags = new TagList { { "single_view", singleView }, { "outcome", outcome } };
        _aggregations.Add(1, tags);
        _aggregationDuration.Record(duration.TotalMilliseconds, tags);
    }

    public void RefreshRequested(string singleView) =>
        _refreshRequests.Add(1, new KeyValuePair<string, object?>("single_view", singleView));

    public void ChangeUnread(string singleView, string projection) =>
        _changesUnread.Add(1, new KeyValuePair<string, object?>("single_view", singleView), new KeyValuePair<string, object?>("projection", projection));

    public void Freshness(string singleView, TimeSpan age) =>
        _freshness.Record(age.TotalMilliseconds, new KeyValuePair<string, object?>("single_view", singleView));

    public void Dispose() => _meter.Dispose();
}
