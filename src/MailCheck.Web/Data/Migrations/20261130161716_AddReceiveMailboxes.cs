using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MailCheck.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddReceiveMailboxes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReceiveMailboxes",
                columns: table => new
                {
                    Token = table.Column<string>(type: "TEXT", unicode: false, maxLength: 26, nullable: false),
                    CheckId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 22, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 160, nullable: true),
                    HeldUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EnvelopeJson = table.Column<string>(type: "TEXT", nullable: true),
                    Message = table.Column<byte[]>(type: "BLOB", nullable: true),
                    MessageSize = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiveMailboxes", x => x.Token);
                    table.ForeignKey(
                        name: "FK_ReceiveMailboxes_Checks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "Checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReceiveMailboxes_CheckId",
                table: "ReceiveMailboxes",
                column: "CheckId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceiveMailboxes_ExpiresAt",
                table: "ReceiveMailboxes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiveMailboxes_ReceivedAt",
                table: "ReceiveMailboxes",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReceiveMailboxes");
        }
    }
}
