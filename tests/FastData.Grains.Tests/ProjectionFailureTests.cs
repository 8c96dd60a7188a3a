using FastData.Grains.Abstractions;
using FastData.Grains.Pipeline;
using FastData.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using static FastData.Grains.Tests.RetailRecords;

namespace FastData.Grains.Tests;

/// <summary>A projection grain whose write, dead letter or single-view refresh fails: the stream then delivers the
/// events again, and they must be applied (not found at or below the state's position and dropped as stale while
/// storage never got them), and the single views the change left must still be refreshed.</summary>
public sealed class ProjectionFailureTests : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private FailingRecordStore Store => _cluster.GetSiloServiceProvider().GetRequiredService<FailingRecordStore>();

    private FailingDeadLetterSink DeadLetters => _cluster.GetSiloServiceProvider().GetRequiredService<FailingDeadLetterSink>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_ => new FailingRecordStore(new InMemoryRecordStore(RetailModel.Instance)));
            silo.Services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<FailingRecordStore>());
            silo.Services.AddSingleton<FailingDeadLetterSink>();
            silo.Services.AddSingleton<IDeadLetterSink>(sp => sp.GetRequiredService<FailingDeadLetterSink>());
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
        var grain = Projection("customers", "41");
        Store.FailNextWrite("customers", "41");

        Assert.IsType<IOException>((await Assert.ThrowsAsync<OrleansException>(() => grain.ApplyAsync(change))).InnerException);
        var redelivered = await grain.ApplyAsync(change);

        Assert.Equal(ApplyOutcome.Upserted, redelivered);
        Assert.Equal("Flo", (await Store.ReadAsync("customers", "41", Ct))!.Document["FIRST_NAME"]!.GetValue<string>());
        Assert.NotNull(await SingleView("customer-360", "41").GetAsync());
    }

    [Fact]
    public async Task ApplyAll_WriteFails_TheStateKeepsTheStoredRecord()
    {
        var grain = Projection("customers", "42");
        await grain.ApplyAsync(Changes.Upsert("customers", "42", Customer(42, "Gus"), 1));
        FastData.Orleans.Streaming.Kafka.KafkaChangeEvent[] batch = [Changes.Upsert("customers", "42", Customer(42, "Gust"), 2), Changes.Upsert("customers", "42", Customer(42, "Gustav"), 3)];
        Store.FailNextWrite("customers", "42");

        var failed = await Assert.ThrowsAsync<OrleansException>(() => grain.ApplyAllAsync(batch));

        Assert.IsType<IOException>(failed.InnerException);
        // Served from the state: the record storage holds, not the one the failed write carried.
        Assert.Contains("\"Gus\"", (await grain.GetAsync())!.Json, StringComparison.Ordinal);
        Assert.Equal(ApplyOutcome.Upserted, await grain.ApplyAllAsync(batch));
        Assert.Equal("Gustav", (await Store.ReadAsync("customers", "42", Ct))!.Document["FIRST_NAME"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyAll_DeadLetterFails_TheStateKeepsTheStoredRecord()
    {
        var grain = Projection("orders", "43");
        await grain.ApplyAsync(Changes.Upsert("orders", "43", Order(43, 1), 1));
        var invalid = Order(43, 3);
        invalid.Remove("CUSTOMER_ID");
        FastData.Orleans.Streaming.Kafka.KafkaChangeEvent[] batch = [Changes.Upsert("orders", "43", Order(43, 2), 2), Changes.Upsert("orders", "43", invalid, 3)];
        DeadLetters.FailNextWrite();

        await Assert.ThrowsAsync<IOException>(() => grain.ApplyAllAsync(batch));

        Assert.Contains("\"CUSTOMER_ID\":1", (await grain.GetAsync())!.Json, StringComparison.Ordinal);
        Assert.Equal(ApplyOutcome.DeadLettered, await grain.ApplyAllAsync(batch));
        Assert.Equal(2, (await Store.ReadAsync("orders", "43", Ct))!.Document["CUSTOMER_ID"]!.GetValue<long>());
        Assert.Contains(DeadLetters.Sent, d => d.Key == "43" && d.Offset == 3);
    }

    [Fact]
    public async Task ApplyAll_RefreshFailsAfterTheWrite_TheRedeliveryRefreshesTheParentTheOrderLeft()
    {
        var order = await OrderOfFirstCustomerAsync(50, 51, 52, 53);
        Assert.True(await HasOrderAsync(51, 50));
        FastData.Orleans.Streaming.Kafka.KafkaChangeEvent[] batch = [Changes.Upsert("orders", "50", Order(50, 52), 2), Changes.Upsert("orders", "50", Order(50, 53), 3)];
        Store.FailNextWrite("customer-360", "51");

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAllAsync(batch));
        Assert.Contains("Simulated storage outage writing customer-360/51", failed.ToString(), StringComparison.Ordinal);

        // Redelivered: every event is stale now, yet customer 51, which the stored change took the order from, is
        // refreshed from the record before the change.
        Assert.Equal(ApplyOutcome.Stale, await order.ApplyAllAsync(batch));
        Assert.False(await HasOrderAsync(51, 50));
        Assert.True(await HasOrderAsync(53, 50));
    }

    [Fact]
    public async Task ApplyAll_RefreshKeepsFailing_LaterEventsAreStillAppliedAndTheOwedRefreshFinishesOnce()
    {
        var order = await OrderOfFirstCustomerAsync(70, 71, 72, 73);
        Store.FailEveryWrite("customer-360", "71");

        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "70", Order(70, 72), 2)));
        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "70", Order(70, 73), 3)));

        // Applied and stored although the refresh it owes still fails.
        Assert.Equal(73, (await Store.ReadAsync("orders", "70", Ct))!.Document["CUSTOMER_ID"]!.GetValue<long>());
        Store.Repair();
        Assert.Equal(ApplyOutcome.Stale, await order.ApplyAsync(Changes.Upsert("orders", "70", Order(70, 73), 3)));
        Assert.False(await HasOrderAsync(71, 70));
        Assert.False(await HasOrderAsync(72, 70));
        Assert.True(await HasOrderAsync(73, 70));
    }

    [Fact]
    public async Task Apply_RefreshFailedThenDeactivated_TheOwedRefreshIsFinishedOnDeactivation()
    {
        var order = await OrderOfFirstCustomerAsync(60, 61, 62);
        Store.FailNextWrite("customer-360", "61");
        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "60", Order(60, 62), 2)));

        await order.Cast<IGrainManagementExtension>().DeactivateOnIdle(Ct);

        await RefreshWait.UntilAsync(
            async () => !await HasOrderAsync(61, 60),
            TimeSpan.FromSeconds(30), "customer-360 of customer 61 to lose order 60 when the order's grain deactivates");
    }

    [Fact]
    public async Task Apply_RefreshFailsAfterTheWrite_TheOwedRefreshIsRetriedWithoutAnotherDelivery()
    {
        var order = await OrderOfFirstCustomerAsync(100, 101, 102);
        Store.FailNextWrite("customer-360", "101");

        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "100", Order(100, 102), 2)));

        await RefreshWait.UntilAsync(
            async () => !await HasOrderAsync(101, 100),
            TimeSpan.FromSeconds(30), "customer-360 of customer 101 to lose order 100 by the owed refresh's own retry");
        Assert.True(await HasOrderAsync(102, 100));
    }

    [Fact]
    public async Task Apply_AggregationCannotReadItsRecords_TheRefreshFailsAndIsOwed()
    {
        var order = await OrderOfFirstCustomerAsync(90, 91, 92);
        Store.FailFinds("orders", 2);

        // Before, the aggregation recorded the read failure as its own error and the refresh succeeded, leaving both
        // customers' views as they were.
        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "90", Order(90, 92), 2)));

        await RefreshWait.UntilAsync(
            async () => !await HasOrderAsync(91, 90)
                && await HasOrderAsync(92, 90),
            TimeSpan.FromSeconds(30), "order 90 to move from customer 91's view to customer 92's once the reads succeed");
    }

    [Fact]
    public async Task Apply_WriteStoredButReportedFailed_TheParentItLeftIsStillRefreshed()
    {
        var order = await OrderOfFirstCustomerAsync(80, 81, 82);
        Store.StoreThenFailNextWrite("orders", "80");

        await Assert.ThrowsAnyAsync<Exception>(() => order.ApplyAsync(Changes.Upsert("orders", "80", Order(80, 82), 2)));

        Assert.Equal(82, (await Store.ReadAsync("orders", "80", Ct))!.Document["CUSTOMER_ID"]!.GetValue<long>());
        await RefreshWait.UntilAsync(
            async () => !await HasOrderAsync(81, 80),
            TimeSpan.FromSeconds(30), "customer-360 of customer 81 to lose order 80, which storage moved although the write reported a failure");
    }

    /// <summary>Stores the customers, then the order for the first of them; returns the order's grain.</summary>
    private async Task<IProjectionGrain> OrderOfFirstCustomerAsync(int orderId, params int[] customerIds)
    {
        foreach (var customerId in customerIds)
        {
            await Projection("customers", $"{customerId}").ApplyAsync(Changes.Upsert("customers", $"{customerId}", Customer(customerId, "Cus"), 1));
        }

        var order = Projection("orders", $"{orderId}");
        await order.ApplyAsync(Changes.Upsert("orders", $"{orderId}", Order(orderId, customerIds[0]), 1));
        return order;
    }

    /// <summary>Whether customer-360 of <paramref name="customerId"/> lists order <paramref name="orderId"/>.</summary>
    private async Task<bool> HasOrderAsync(int customerId, int orderId) =>
        (await SingleView("customer-360", $"{customerId}").GetAsync())!.Json.Contains($"\"ORDER_ID\":{orderId}", StringComparison.Ordinal);

    private IProjectionGrain Projection(string projection, string key) => _cluster.Client.GetGrain<IProjectionGrain>(GrainKeys.Compose(projection, key));

    private ISingleViewGrain SingleView(string name, string key) => _cluster.Client.GetGrain<ISingleViewGrain>(GrainKeys.Compose(name, key));
}
