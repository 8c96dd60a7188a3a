using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.Tests;

public sealed class PublicJsonTests
{
    [Fact]
    public void Write_Document_DropsTopLevelInternalFieldsOnly()
    {
        var document = new JsonObject
        {
            ["__STATE__"] = "PUBLIC",
            ["NAME"] = "Zoë <b> & \"quotes\"",
            ["nested"] = new JsonObject { ["__kept"] = 1, ["list"] = new JsonArray(1, null, "x") },
            ["__source"] = new JsonObject { ["offset"] = 3 },
            ["none"] = null,
        };

        var json = PublicJson.Write(document);

        Assert.Equal("""{"NAME":"Zoë <b> & \"quotes\"","nested":{"__kept":1,"list":[1,null,"x"]},"none":null}""", json);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), new JsonObject
        {
            ["NAME"] = "Zoë <b> & \"quotes\"",
            ["nested"] = new JsonObject { ["__kept"] = 1, ["list"] = new JsonArray(1, null, "x") },
            ["none"] = null,
        }));
    }

    [Fact]
    public void Write_Utf8Document_WritesTheSameTextAsTheTree()
    {
        var document = new JsonObject
        {
            ["__STATE__"] = "PUBLIC",
            ["NAME"] = "Zoë <b> & \"quotes\"",
            ["nested"] = new JsonObject { ["__kept"] = 1, ["list"] = new JsonArray(1, null, "x") },
            ["none"] = null,
        };

        // The default writer escapes non-ASCII and HTML characters: the served text must not show those escapes.
        var utf8 = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document);

        Assert.Equal(PublicJson.Write(document), PublicJson.Write(utf8));
        Assert.Throws<System.Text.Json.JsonException>(() => PublicJson.Write("[1]"u8));
    }
}
