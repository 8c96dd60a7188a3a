using System.Net;
using System.Text.Json.Nodes;

namespace FastData.Host.Tests;

/// <summary>The default run end to end: the sample feed writes Debezium events to the embedded Kafka, the
/// stream provider hands them to projection grains, and single views appear behind the API.</summary>
public sealed class DefaultRunTests(FastDataHostFactory factory) : IClassFixture<FastDataHostFactory>
{
    [Fact]
    public async Task SampleFeed_Running_SingleViewAppearsWithItsOrders()
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        // The order can be aggregated before its lines arrive, and a line before its product (another topic): wait for all.
        var customer = await WaitForDocumentAsync(client, "/api/single-views/customer-360/3",
            d => d["orders"] is JsonArray { Count: > 0 } orders && orders[0]!["items"] is JsonArray { Count: > 0 } items && items[0]!["PRODUCT_NAME"] is not null);

        Assert.Equal(3, customer["CUSTOMER_ID"]!.GetValue<long>());
        Assert.NotNull(customer["orders"]![0]!["items"]![0]!["PRODUCT_NAME"]);
        Assert.False(customer.ContainsKey("__STATE__"));
    }

    [Fact]
    public async Task SingleView_IfNoneMatchCurrentETag_Answers304()
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);
        await WaitForDocumentAsync(client, "/api/projections/products/1", _ => true);
        using var first = await client.GetAsync(new Uri("/api/projections/products/1", UriKind.Relative), TestContext.Current.CancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/projections/products/1", UriKind.Relative));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/api/single-views/no-such-view/1")]
    [InlineData("/api/single-views/customer-360/999999999")]
    [InlineData("/api/projections/no-such-projection/1")]
    [InlineData("/api/projections/customers/999999999")]
    public async Task Read_UnknownNameOrKey_Answers404Problem(string path)
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<JsonObject> WaitForDocumentAsync(HttpClient client, string path, Func<JsonObject, bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        string last = "(no answer)";
        try
        {
            do
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!.AsObject();
                    if (condition(document))
                    {
                        return document;
                    }
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"{path} did not reach the expected state within 60 s; last answer: {last}");
    }
}
