using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using FastData.Host.Hosting;

namespace FastData.Host.Tests;

/// <summary>Pausing one projection's ingestion over the admin API: its records wait in Kafka while other projections
/// go on, and arrive once it resumes.</summary>
public sealed class IngestionPauseTests : IDisposable
{
    private const string ProductId = "900001";
    private const string CustomerId = "900002";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly FastDataHostFactory _factory = new FastDataHostFactory().With("FastData:SampleFeed:Enabled", "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PausedProjection_RecordsWaitWhileOthersFlow_ThenArriveOnResume()
    {
        using var admin = _factory.CreateClient(FastDataHostFactory.AdminKey);
        using var reader = _factory.CreateClient(FastDataHostFactory.ReaderKey);

        using var paused = await admin.PostAsync(new Uri("/api/admin/projections/products/pause", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var status = await admin.GetFromJsonAsync<JsonObject>("/api/admin/pipeline", Ct);
        Assert.Equal(["products"], status!["ingestionPaused"]!.AsArray().Select(p => p!.GetValue<string>()));

        Produce("retail.public.products", $$"""{"PRODUCT_ID":{{ProductId}}}""",
            $$"""{"PRODUCT_ID":{{ProductId}},"SKU":"SKU-P","NAME":"Paused product","CATEGORY":"test","PRICE":"9.90","NOTES":null}""");
        Produce("retail.public.customers", $$"""{"CUSTOMER_ID":{{CustomerId}}}""",
            $$"""{"CUSTOMER_ID":{{CustomerId}},"FIRST_NAME":"Ada","LAST_NAME":"Lovelace","EMAIL":"ada@example.com","PHONE":null,"LOYALTY_TIER":"GOLD","IS_ACTIVE":"true","CREATED_AT":1700000000000,"NOTES":null}""");

        // The customer was produced after the product: once it is applied, the product would have been too.
        await WaitForStatusAsync(reader, $"/api/projections/customers/{CustomerId}", HttpStatusCode.OK);
        using (var product = await reader.GetAsync(new Uri($"/api/projections/products/{ProductId}", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, product.StatusCode);
        }

        using var resumed = await admin.PostAsync(new Uri("/api/admin/projections/products/resume", UriKind.Relative), null, Ct);
        var after = await resumed.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Empty(after!["ingestionPaused"]!.AsArray());
        await WaitForStatusAsync(reader, $"/api/projections/products/{ProductId}", HttpStatusCode.OK);
    }

    public void Dispose() => _factory.Dispose();

    private void Produce(string topic, string key, string after)
    {
        var kafka = _factory.Services.GetRequiredService<KafkaEndpoint>();
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var value = $$$"""{"before":null,"after":{{{after}}},"op":"c","ts_ms":{{{now}}},"source":{"connector":"postgresql","db":"retail","schema":"public","lsn":{{{now}}},"ts_ms":{{{now}}}}}""";
        producer.Produce(topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(key), Value = Encoding.UTF8.GetBytes(value) });
        if (producer.Flush(TimeSpan.FromSeconds(30)) > 0)
        {
            throw new TimeoutException($"the record for {topic} was not acknowledged within 30 s");
        }
    }

    private static async Task WaitForStatusAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var last = HttpStatusCode.Unused;
        try
        {
            do
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
                last = response.StatusCode;
                if (last == expected)
                {
                    return;
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            // Reported below.
        }

        throw new TimeoutException($"{path} did not answer {(int)expected} within {Timeout.TotalSeconds:0} s; last answer: {(int)last}");
    }
}
