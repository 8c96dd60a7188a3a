using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Grains.Projections;
using FastData.Model.Aggregation;

namespace FastData.Grains.Tests;

public sealed class ProjectionRecordStateTests
{
    private static readonly DateTimeOffset First = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Second = First.AddMinutes(1);

    [Fact]
    public void Set_StampsTheRecordItselfAndKeepsTheCreationTime()
    {
        var state = new ProjectionRecordState();
        var created = Record("Ann");
        var updated = Record("Bea");

        state.Set(created, new SourcePosition("t", 1, 10, 0, null), First);
        state.Set(updated, new SourcePosition("t", 1, 11, 0, "42"), Second);

        Assert.Same(updated, state.Record);
        Assert.Same(updated, state.ToDocument());
        Assert.Equal(First, state.CreatedAt);
        Assert.Equal(Second, state.UpdatedAt);
        Assert.Equal(First.ToString("O"), updated[ProjectionRecordState.CreatedAtField]!.GetValue<string>());
        Assert.Equal(11, updated[ProjectionRecordState.SourceField]!["offset"]!.GetValue<long>());
        Assert.Equal("42", updated[ProjectionRecordState.SourceField]!["ordering"]!.GetValue<string>());

        // The record stored before is left as it was: readers may still hold it.
        Assert.Equal(10, created[ProjectionRecordState.SourceField]!["offset"]!.GetValue<long>());
    }

    [Fact]
    public void Set_NoRecord_KeepsThePositionWithoutARecord()
    {
        var state = new ProjectionRecordState();

        state.Set(null, new SourcePosition("t", 0, 5, 0, null), First);

        Assert.Null(state.Record);
        Assert.False(state.IsPublic);
        Assert.Null(state.CreatedAt);
        var document = state.ToDocument()!;
        Assert.False(document.ContainsKey(RecordStates.Field));
        Assert.Equal(5, document[ProjectionRecordState.SourceField]!["offset"]!.GetValue<long>());
    }

    [Fact]
    public void LoadDocument_WhatToDocumentGave_RestoresTheSameState()
    {
        var written = new ProjectionRecordState();
        written.Set(Record("Ann"), new SourcePosition("t", 2, 7, 1, "9"), First);
        var positionOnly = new ProjectionRecordState();
        positionOnly.Set(null, new SourcePosition("t", 0, 3, 0, null), First);

        var read = new ProjectionRecordState();
        read.LoadDocument(JsonNode.Parse(written.ToDocument()!.ToJsonString())!.AsObject());
        var readPositionOnly = new ProjectionRecordState();
        readPositionOnly.LoadDocument(JsonNode.Parse(positionOnly.ToDocument()!.ToJsonString())!.AsObject());

        Assert.Equal(written.Position, read.Position);
        Assert.Equal(First, read.CreatedAt);
        Assert.True(read.IsPublic);
        Assert.Equal("Ann", read.Record!["NAME"]!.GetValue<string>());
        Assert.Equal(positionOnly.Position, readPositionOnly.Position);
        Assert.Null(readPositionOnly.Record);
    }

    private static JsonObject Record(string name) => new() { ["ID"] = 1, ["NAME"] = name, [RecordStates.Field] = RecordStates.Public };
}
