namespace FastData.Host.Tests;

/// <summary>
/// The MongoDB server of the integration tests, from <c>MONGO_URI</c>. Without it the tests skip, or fail when
/// <c>FASTDATA_REQUIRE_INFRA=1</c> (CI), so that a missing server is never mistaken for a pass.
/// </summary>
internal static class MongoTestServer
{
    /// <summary>The connection string, or skips/fails the calling test when there is none.</summary>
    public static string RequireUri()
    {
        if (Environment.GetEnvironmentVariable("MONGO_URI") is { Length: > 0 } uri)
        {
            return uri;
        }

        const string reason = "MONGO_URI is not set: no MongoDB server for this test.";
        if (Environment.GetEnvironmentVariable("FASTDATA_REQUIRE_INFRA") == "1")
        {
            Assert.Fail(reason + " FASTDATA_REQUIRE_INFRA=1 requires one.");
        }

        Assert.Skip(reason);
        return null!;
    }

    /// <summary>A database name no other test uses.</summary>
    public static string NewDatabaseName() => $"fdt_host_{Guid.NewGuid():N}";
}
