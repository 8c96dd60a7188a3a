using MongoDB.Bson;
using Orleans.Runtime;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Storage;

public sealed class GroupCommitTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(35, 10)]
    [InlineData(40, 40)]
    public async Task ConcurrentWrites_AreSentAsAtMostCeilNOverBatchSizeBulkCommands(int writes, int batchSize)
    {
        // A wide window makes "arrive together" deterministic on a slow machine; a full batch never waits for it.
        await using var harness = StorageHarness.Create(o =>
        {
            o.GroupCommitWindow = TimeSpan.FromMilliseconds(500);
            o.GroupCommitMaxBatchSize = batchSize;
        });
        var states = Enumerable.Range(0, writes).Select(i => (Id: GrainId.Create("counter", $"k{i}"), State: StorageHarness.NewState(new CounterState { Count = i }))).ToList();
        harness.Commands.Reset();

        await Task.WhenAll(states.Select(s => harness.Storage.WriteStateAsync("state", s.Id, s.State, TestContext.Current.CancellationToken)));

        var bulkCommands = harness.Commands.Count("update") + harness.Commands.Count("insert");
        Assert.InRange(bulkCommands, 1, (writes + batchSize - 1) / batchSize);
        Assert.All(states, s => Assert.NotNull(s.State.ETag));
        Assert.Equal(writes, await harness.Collection("counter").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OneStaleWriteInBatch_FailsAloneWhileOthersCommit()
    {
        await using var harness = StorageHarness.Create(o =>
        {
            o.GroupCommitWindow = TimeSpan.FromMilliseconds(500);
            o.GroupCommitMaxBatchSize = 6;
        });
        var staleId = GrainId.Create("counter", "stale");
        var current = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", staleId, current, TestContext.Current.CancellationToken);
        var stale = StorageHarness.NewState(new CounterState { Count = 50 });
        stale.ETag = current.ETag;
        await harness.Storage.WriteStateAsync("state", staleId, current, TestContext.Current.CancellationToken);
        var fresh = Enumerable.Range(0, 5).Select(i => (Id: GrainId.Create("counter", $"f{i}"), State: StorageHarness.NewState(new CounterState { Count = i }))).ToList();
        harness.Commands.Reset();

        var staleWrite = harness.Storage.WriteStateAsync("state", staleId, stale, TestContext.Current.CancellationToken);
        var freshWrites = fresh.Select(f => harness.Storage.WriteStateAsync("state", f.Id, f.State, TestContext.Current.CancellationToken)).ToList();

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Task.WhenAll(freshWrites);
        Assert.Equal(1, harness.Commands.Count("update"));
        Assert.Equal(6, await harness.Collection("counter").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GroupCommit_RecordsBatchSizeOnItsMeter()
    {
        var recorded = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MongoDBStorageMetrics.MeterName && instrument.Name == "fastdata.mongodb.group_commit.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => recorded.Add(value));
        listener.Start();
        await using var harness = StorageHarness.Create(o =>
        {
            o.GroupCommitWindow = TimeSpan.FromMilliseconds(500);
            o.GroupCommitMaxBatchSize = 13;
        });

        await Task.WhenAll(Enumerable.Range(0, 13).Select(i => harness.Storage.WriteStateAsync(
            "state", GrainId.Create("metered", $"k{i}"), StorageHarness.NewState(new CounterState()), TestContext.Current.CancellationToken)));

        Assert.Contains(13, recorded);
    }

    [Fact]
    public async Task WritesToSeveralCollections_SendOneBulkCommandPerCollection()
    {
        await using var harness = StorageHarness.Create(o =>
        {
            o.GroupCommitWindow = TimeSpan.FromMilliseconds(500);
            o.GroupCommitMaxBatchSize = 8;
        });
        harness.Commands.Reset();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => harness.Storage.WriteStateAsync(
            "state", GrainId.Create(i % 2 == 0 ? "even" : "odd", $"k{i}"), StorageHarness.NewState(new CounterState { Count = i }), TestContext.Current.CancellationToken)));

        Assert.Equal(2, harness.Commands.Count("update"));
    }
}
