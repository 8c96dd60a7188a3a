using FastData.Grains.Abstractions;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using static FastData.Grains.Tests.RetailRecords;

namespace FastData.Grains.Tests;

/// <summary>A projection record whose write fails: the stream redelivers the events, and they must be applied then,
/// not found at or below the state's position and dropped as stale while storage never got them.</summary>
public sealed class ProjectionWriteFailureTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private FailingWritesRecordStore Store => _cluster.GetSiloServiceProvider().GetRequiredService<FailingWritesRecordStore>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_ => new FailingWritesRecordStore(new InMemoryRecordStore(RetailModel.Instance)));
            silo.Services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<FailingWritesRecordStore>());
            silo.AddFastDataPipeline(RetailModel.Instance).AddInMemoryPipelineSinks();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Apply_WriteFails_TheRedeliveredEventIsApplied()
    {
        var change = Changes.Upsert("customers", "41", Customer(41, "Flo"), 1);
        var grain = _cluster.Client.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", "41"));
        Store.FailNextWrite("customers", "41");

        Assert.IsType<IOException>((await Assert.ThrowsAsync<OrleansException>(() => grain.ApplyAsync(change))).InnerException);
        var redelivered = await grain.ApplyAsync(change);

        Assert.Equal(ApplyOutcome.Upserted, redelivered);
        Assert.Equal("Flo", (await Store.ReadAsync("customers", "41", TestContext.Current.CancellationToken))!.Document["FIRST_NAME"]!.GetValue<string>());
        Assert.NotNull(await _cluster.Client.GetGrain<ISingleViewGrain>(GrainKeys.Compose("customer-360", "41")).GetAsync());
    }

    [Fact]
    public async Task ApplyAll_WriteFails_TheStateKeepsTheStoredRecord()
    {
        var grain = _cluster.Client.GetGrain<IProjectionGrain>(GrainKeys.Compose("customers", "42"));
        await grain.ApplyAsync(Changes.Upsert("customers", "42", Customer(42, "Gus"), 1));
        Store.FailNextWrite("customers", "42");

        var failed = await Assert.ThrowsAsync<OrleansException>(() => grain.ApplyAllAsync(
            [Changes.Upsert("customers", "42", Customer(42, "Gust"), 2), Changes.Upsert("customers", "42", Customer(42, "Gustav"), 3)]));
        Assert.IsType<IOException>(failed.InnerException);

        // Served from the state: the record storage holds, not the one the failed write carried.
        Assert.Contains("\"Gus\"", (await grain.GetAsync())!.Json, StringComparison.Ordinal);
        Assert.Equal(ApplyOutcome.Upserted, await grain.ApplyAllAsync(
            [Changes.Upsert("customers", "42", Customer(42, "Gust"), 2), Changes.Upsert("customers", "42", Customer(42, "Gustav"), 3)]));
        Assert.Equal("Gustav", (await Store.ReadAsync("customers", "42", TestContext.Current.CancellationToken))!.Document["FIRST_NAME"]!.GetValue<string>());
    }
}
