using System.Text;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;
using FastData.Samples.Retail;

namespace FastData.Grains.Tests;

/// <summary>
/// Runs a <see cref="ConvergenceWorkload"/> through the projection grains of a cluster (one consumer per partition,
/// partitions concurrent, each partition in offset order, consumers at uneven speeds) and checks the convergence
/// property against a <see cref="ConvergenceReference"/>.
/// </summary>
internal static class ConvergenceCheck
{
    /// <summary>Fields the pipeline adds to stored documents that are not content.</summary>
    private static readonly string[] Bookkeeping = ["createdAt", "updatedAt", "__source", "_id"];

    public static async Task ApplyAsync(IGrainFactory grains, ConvergenceWorkload workload, int seed, CancellationToken cancellationToken)
    {
        var order = workload.Partitions.OrderBy(_ => Random.Shared.Next()).ToList();
        var consumers = order.Select((partition, i) => ConsumeAsync(grains, partition, new Random(seed * 31 + i), cancellationToken));
        await Task.WhenAll(consumers);
    }

    public static void AssertWorkloadIsRich(ConvergenceWorkload workload)
    {
        foreach (var origin in new[] { CdcRecordOrigin.Change, CdcRecordOrigin.Dependent, CdcRecordOrigin.KeyChange, CdcRecordOrigin.Duplicate, CdcRecordOrigin.Replay })
        {
            Assert.True(workload.Origins.GetValueOrDefault(origin) > 0, $"the workload has no {origin} records: {Describe(workload)}");
        }

        Assert.True(workload.MovedKeys > 0, "no key moved partition mid-stream");
        Assert.Contains(workload.Events, e => e.Change.Operation == Orleans.Streaming.Kafka.ChangeOperation.Delete);
        Assert.Contains(workload.Events, e => e.Change.HasBefore && e.Change.HasAfter && ForeignKeyMoved(e));
    }

    public static async Task AssertConvergedAsync(FastDataModel model, IRecordStore store, InMemoryPipelineSinks? sinks, ConvergenceReference reference, CancellationToken cancellationToken)
    {
        if (sinks is not null)
        {
            Assert.Empty(sinks.DeadLetters);
            Assert.Empty(sinks.Errors);
        }

        var (problems, singleViews) = await DifferencesAsync(model, store, reference, cancellationToken);
        Assert.True(problems.Count == 0, $"{problems.Count} differences from a from-scratch aggregation, e.g.:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(8))}");
        Assert.True(singleViews > 0, "the workload produced no single view at all");
    }

    /// <summary>How the stored projections and single views differ from the reference, and how many single views it expects.</summary>
    public static async Task<(List<string> Problems, int SingleViews)> DifferencesAsync(FastDataModel model, IRecordStore store, ConvergenceReference reference, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var projection in model.Projections.Values)
        {
            var actual = await ReadAllAsync(store, projection.Name, cancellationToken);
            var expected = reference.Records[projection.Name];
            foreach (var (key, record) in expected)
            {
                if (!actual.TryGetValue(key, out var stored))
                {
                    problems.Add($"projection {projection.Name} '{key}' is missing");
                }
                else if (!JsonNode.DeepEquals(record, stored))
                {
                    problems.Add($"projection {projection.Name} '{key}': expected {record.ToJsonString()} but stored {stored.ToJsonString()}");
                }
            }

            foreach (var (key, stored) in actual)
            {
                if (!expected.ContainsKey(key) && stored[RecordStates.Field]?.GetValue<string>() == RecordStates.Public)
                {
                    problems.Add($"projection {projection.Name} '{key}' is PUBLIC but its last event is {(reference.Deleted[projection.Name].Contains(key) ? "a delete" : "absent")}");
                }
            }
        }

        var singleViews = 0;
        foreach (var singleView in model.SingleViews.Values)
        {
            var expected = await reference.ExpectedSingleViewsAsync(singleView, cancellationToken);
            var actual = await ReadAllAsync(store, singleView.Name, cancellationToken);
            singleViews += expected.Count;
            foreach (var (key, document) in expected)
            {
                if (!actual.TryGetValue(key, out var stored))
                {
                    problems.Add($"single view {singleView.Name} '{key}' is missing");
                }
                else if (!JsonNode.DeepEquals(document, stored))
                {
                    problems.Add($"single view {singleView.Name} '{key}': expected {document.ToJsonString()} but stored {stored.ToJsonString()}");
                }
            }

            foreach (var key in actual.Keys.Where(k => !expected.ContainsKey(k)))
            {
                problems.Add($"single view {singleView.Name} '{key}' exists but its base record is deleted or absent");
            }
        }

        return (problems, singleViews);
    }

    private static async Task ConsumeAsync(IGrainFactory grains, ConvergencePartition partition, Random random, CancellationToken cancellationToken)
    {
        // Uneven consumer speeds spread the events of one key over time relative to the keys of other partitions.
        await Task.Yield();
        foreach (var (projection, change) in partition.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (random.Next(3) == 0)
            {
                await Task.Yield();
            }

            await grains.GetGrain<IProjectionGrain>(GrainKeys.Compose(projection, change.Key)).ApplyAsync(change);
        }
    }

    private static async Task<Dictionary<string, JsonObject>> ReadAllAsync(IRecordStore store, string collection, CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        await foreach (var key in store.KeysAsync(collection, cancellationToken))
        {
            if (await store.ReadAsync(collection, key, cancellationToken) is { } stored)
            {
                var document = (JsonObject)stored.Document.DeepClone();
                foreach (var field in Bookkeeping)
                {
                    document.Remove(field);
                }

                documents[key] = document;
            }
        }

        return documents;
    }

    private static bool ForeignKeyMoved(ConvergenceEvent e)
    {
        if (e.Projection != "orders")
        {
            return false;
        }

        var before = JsonNode.Parse(e.Change.Before.Span)!["CUSTOMER_ID"]?.ToJsonString();
        var after = JsonNode.Parse(e.Change.After.Span)!["CUSTOMER_ID"]?.ToJsonString();
        return before != after;
    }

    private static string Describe(ConvergenceWorkload workload)
    {
        var text = new StringBuilder();
        foreach (var (origin, count) in workload.Origins)
        {
            text.Append(origin).Append('=').Append(count).Append(' ');
        }

        return text.ToString();
    }
}
