using MongoDB.Bson;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Storage;

public sealed class GrainStorageContractTests
{
    private static readonly GrainId Grain = GrainId.Create("counter", "key-1");

    [Fact]
    public async Task Read_MissingDocument_ReturnsDefaultStateWithoutETag()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 99 });

        await harness.Storage.ReadStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State!.Count);
    }

    [Fact]
    public async Task Write_NewState_StoresNaturalDocumentWithTypedFields()
    {
        await using var harness = StorageHarness.Create();
        var when = new DateTime(2026, 3, 4, 5, 6, 7, 123, DateTimeKind.Utc);
        var state = StorageHarness.NewState(new CounterState { Name = "a", Count = 3, Total = 5_000_000_000, UpdatedAt = when, Tags = ["x", "y"] });

        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        var raw = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["_id", "Name", "Count", "Total", "UpdatedAt", "Tags", "__version"], raw.Names.ToArray());
        Assert.Equal(BsonType.String, raw["_id"].BsonType);
        Assert.Equal(BsonType.String, raw["Name"].BsonType);
        Assert.Equal(BsonType.Int32, raw["Count"].BsonType);
        Assert.Equal(BsonType.Int64, raw["Total"].BsonType);
        Assert.Equal(BsonType.DateTime, raw["UpdatedAt"].BsonType);
        Assert.Equal(when, raw["UpdatedAt"].ToUniversalTime());
        Assert.Equal(BsonType.Array, raw["Tags"].BsonType);
        Assert.Equal(BsonType.Int64, raw["__version"].BsonType);
        Assert.Equal(raw["__version"].AsInt64.ToString(System.Globalization.CultureInfo.InvariantCulture), state.ETag);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Write_ThenReadInFreshState_RoundTripsStateAndETag()
    {
        await using var harness = StorageHarness.Create();
        var written = StorageHarness.NewState(new CounterState { Name = "n", Count = 7, Tags = ["t"] });
        await harness.Storage.WriteStateAsync("state", Grain, written, TestContext.Current.CancellationToken);

        var read = StorageHarness.NewState(new CounterState());
        await harness.Storage.ReadStateAsync("state", Grain, read, TestContext.Current.CancellationToken);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("n", read.State!.Name);
        Assert.Equal(7, read.State!.Count);
        Assert.Equal(["t"], read.State!.Tags);
    }

    [Fact]
    public async Task Write_Update_IncreasesVersion()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);
        var first = long.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture);

        state.State!.Count = 2;
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        Assert.True(long.Parse(state.ETag!, System.Globalization.CultureInfo.InvariantCulture) > first);
        var raw = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, raw["Count"].AsInt32);
    }

    [Fact]
    public async Task Write_WithStaleETag_ThrowsInconsistentStateAndKeepsStoredDocument()
    {
        await using var harness = StorageHarness.Create();
        var first = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, first, TestContext.Current.CancellationToken);
        var stale = StorageHarness.NewState(new CounterState { Count = 100 });
        stale.ETag = first.ETag;
        first.State!.Count = 2;
        await harness.Storage.WriteStateAsync("state", Grain, first, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("state", Grain, stale, TestContext.Current.CancellationToken));

        var raw = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, raw["Count"].AsInt32);
    }

    [Fact]
    public async Task Write_WithoutETagWhenDocumentExists_ThrowsInconsistentState()
    {
        await using var harness = StorageHarness.Create();
        await harness.Storage.WriteStateAsync("state", Grain, StorageHarness.NewState(new CounterState { Count = 1 }), TestContext.Current.CancellationToken);

        var second = StorageHarness.NewState(new CounterState { Count = 5 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("state", Grain, second, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Write_AfterDocumentDeletedElsewhere_ThrowsInconsistentStateAndDoesNotRecreateIt()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);
        await harness.Collection("counter").DeleteOneAsync(new BsonDocument("_id", "key-1"), TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken));

        Assert.Equal(0, await harness.Collection("counter").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Write_OnUnversionedDocument_AdoptsItWhenGrainHasNoETag()
    {
        await using var harness = StorageHarness.Create();
        await harness.Collection("counter").InsertOneAsync(new BsonDocument { { "_id", "key-1" }, { "Name", "seeded" }, { "Count", 4 } }, cancellationToken: TestContext.Current.CancellationToken);
        var state = StorageHarness.NewState(new CounterState());
        await harness.Storage.ReadStateAsync("state", Grain, state, TestContext.Current.CancellationToken);
        Assert.True(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal("seeded", state.State!.Name);

        state.State!.Count = 5;
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        var raw = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, raw["Count"].AsInt32);
        Assert.True(raw.Contains("__version"));
    }

    [Fact]
    public async Task Clear_WithCurrentETag_DeletesDocumentAndResetsState()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        await harness.Storage.ClearStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Count);
        Assert.Equal(0, await harness.Collection("counter").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: TestContext.Current.CancellationToken));
        // A write after a clear is an insert again.
        state.State!.Count = 3;
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);
        Assert.NotNull(state.ETag);
    }

    [Fact]
    public async Task Clear_WithStaleETag_ThrowsInconsistentStateAndKeepsDocument()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);
        var stale = StorageHarness.NewState(new CounterState());
        stale.ETag = state.ETag;
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InconsistentStateException>(() => harness.Storage.ClearStateAsync("state", Grain, stale, TestContext.Current.CancellationToken));
        Assert.Equal(1, await harness.Collection("counter").CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Clear_WithoutETagWhenNothingStored_Succeeds()
    {
        await using var harness = StorageHarness.Create();
        var state = StorageHarness.NewState(new CounterState { Count = 2 });

        await harness.Storage.ClearStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Clear_WithTombstones_KeepsVersionedTombstoneThatReadsAsMissing()
    {
        await using var harness = StorageHarness.Create(o => o.DeleteStateOnClear = false);
        var state = StorageHarness.NewState(new CounterState { Count = 1 });
        await harness.Storage.WriteStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        await harness.Storage.ClearStateAsync("state", Grain, state, TestContext.Current.CancellationToken);

        var raw = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["_id", "__cleared", "__version"], raw.Names.ToArray());
        var read = StorageHarness.NewState(new CounterState());
        await harness.Storage.ReadStateAsync("state", Grain, read, TestContext.Current.CancellationToken);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        read.State!.Count = 9;
        await harness.Storage.WriteStateAsync("state", Grain, read, TestContext.Current.CancellationToken);
        var after = await harness.Collection("counter").Find(new BsonDocument("_id", "key-1")).SingleAsync(TestContext.Current.CancellationToken);
        Assert.False(after.Contains("__cleared"));
        Assert.Equal(9, after["Count"].AsInt32);
    }

    [Fact]
    public async Task Write_ForNamedStateOfOtherGrainType_UsesSeparateCollections()
    {
        await using var harness = StorageHarness.Create(o => o.CollectionPrefix = "app_");
        await harness.Storage.WriteStateAsync("state", Grain, StorageHarness.NewState(new CounterState { Count = 1 }), TestContext.Current.CancellationToken);
        await harness.Storage.WriteStateAsync("profile", Grain, StorageHarness.NewState(new CounterState { Count = 2 }), TestContext.Current.CancellationToken);
        await harness.Storage.WriteStateAsync("state", GrainId.Create("other", "key-1"), StorageHarness.NewState(new CounterState { Count = 3 }), TestContext.Current.CancellationToken);

        var names = await (await harness.Database.ListCollectionNamesAsync(cancellationToken: TestContext.Current.CancellationToken)).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["app_counter", "app_counter_profile", "app_other"], names.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Write_ViolatingSecondaryUniqueIndex_ThrowsStorageExceptionNotConflict()
    {
        await using var harness = StorageHarness.Create(o => o.Indexes.Add(MongoIndexDefinition.UniqueOn("counter", "Name")));
        await harness.Storage.EnsureIndexesAsync(TestContext.Current.CancellationToken);
        await harness.Storage.WriteStateAsync("state", Grain, StorageHarness.NewState(new CounterState { Name = "same" }), TestContext.Current.CancellationToken);

        var clash = StorageHarness.NewState(new CounterState { Name = "same" });
        await Assert.ThrowsAsync<MongoDBStorageException>(() => harness.Storage.WriteStateAsync("state", GrainId.Create("counter", "key-2"), clash, TestContext.Current.CancellationToken));
        Assert.Null(clash.ETag);
    }

    [Fact]
    public async Task Write_ConcurrentActivationsIncrementing_LoseNoUpdate()
    {
        await using var harness = StorageHarness.Create(o => o.GroupCommitWindow = TimeSpan.FromMilliseconds(1));
        const int Writers = 4;
        const int IncrementsEach = 10;

        async Task IncrementAsync()
        {
            var mine = StorageHarness.NewState(new CounterState());
            await harness.Storage.ReadStateAsync("state", Grain, mine, TestContext.Current.CancellationToken);
            for (var done = 0; done < IncrementsEach;)
            {
                mine.State!.Count++;
                try
                {
                    await harness.Storage.WriteStateAsync("state", Grain, mine, TestContext.Current.CancellationToken);
                    done++;
                }
                catch (InconsistentStateException)
                {
                    // Another writer won: re-read and apply the increment to the fresh value.
                    await harness.Storage.ReadStateAsync("state", Grain, mine, TestContext.Current.CancellationToken);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(IncrementAsync, TestContext.Current.CancellationToken)));

        var final = StorageHarness.NewState(new CounterState());
        await harness.Storage.ReadStateAsync("state", Grain, final, TestContext.Current.CancellationToken);
        Assert.Equal(Writers * IncrementsEach, final.State!.Count);
    }
}
