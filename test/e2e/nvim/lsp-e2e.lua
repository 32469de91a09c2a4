-- Headless end-to-end test of the RouteGuard language server with a real third-party LSP client:
-- Neovim (0.7+). Run by test/e2e/nvim.mjs:
--   RG_SERVER=/abs/dist/server.js RG_FILE=/abs/app/src/routes/orders.js nvim --headless --clean -u NONE -S lsp-e2e.lua
-- Opens the file, waits for RouteGuard's missing-auth diagnostic, asks for code actions, applies the
-- rule's quick-fix, writes the file and waits for the diagnostic to clear. Also checks hover and
-- CodeLens. Exit code 0 = pass, 1 = fail. Every wait is on editor state, with a timeout.
local function out(...) io.stdout:write(table.concat(vim.tbl_map(tostring, { ... }), " ") .. "\n") end
local function fail(msg) out("FAIL: " .. msg); vim.cmd("cquit 1") end

local server, file = os.getenv("RG_SERVER"), os.getenv("RG_FILE")
local root = os.getenv("RG_ROOT")
if not server or not file or not root then return fail("set RG_SERVER, RG_FILE and RG_ROOT") end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local errors = {}
local client_id = vim.lsp.start_client({
  name = "routeguard",
  cmd = { "node", server, "--stdio" },
  root_dir = root,
  handlers = {
    ["window/logMessage"] = function(_, result)
      out("server log:", result.message)
      if result.type == 1 then table.insert(errors, result.message) end
    end,
  },
})
if not client_id then return fail("start_client returned nil") end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function missing_auth()
  return vim.tbl_filter(function(d) return d.code == "missing-auth" or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == "missing-auth") end, vim.diagnostic.get(bufnr))
end

-- 1) the diagnostic
local ok = vim.wait(30000, function() return #missing_auth() > 0 end, 50)
if not ok then return fail("no missing-auth diagnostic within 30s") end
local d = missing_auth()[1]
out(string.format("diagnostic: %d:%d [%s %s] %s", d.lnum + 1, d.col + 1, d.source or "", d.code or "", d.message))
if d.source ~= "routeguard" then return fail("source is not routeguard") end

-- 2) hover and CodeLens on the route (ASCII lines: byte columns equal UTF-16 characters)
local pos = { line = d.lnum, character = d.col + 2 }
local hover = client.request_sync("textDocument/hover", { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = pos }, 10000, bufnr)
local hover_text = hover and hover.result and hover.result.contents and hover.result.contents.value or ""
out("hover:", (hover_text:gsub("\n", " | ")))
if not hover_text:find("DELETE /api/orders/:id", 1, true) then return fail("hover does not name the route") end
local lens = client.request_sync("textDocument/codeLens", { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, 10000, bufnr)
local lenses = lens and lens.result or {}
out("codelens:", #lenses, lenses[1] and lenses[1].command.title or "")
if #lenses ~= 1 or not lenses[1].command.title:find("public", 1, true) then return fail("unexpected CodeLens") end

-- 3) code actions at the diagnostic
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, d.lnum), only = { "quickfix" } },
}
local resp, err = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
if not resp or resp.err then return fail("codeAction request failed: " .. vim.inspect(err or resp.err)) end
local fix
for _, a in ipairs(resp.result or {}) do
  out("  action:", a.title, a.kind or "")
  if a.kind == "quickfix" and a.edit and a.title:find("^Require authentication") then fix = a end
end
if not fix then return fail("no 'Require authentication' quick-fix") end

-- 4) apply the WorkspaceEdit, write the file
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
vim.cmd("write")
for i, l in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
  if l:find("requireAuth", 1, true) then out("after fix, line " .. i .. ": " .. l) end
end

-- 5) the server re-analyzes on didChange and clears the diagnostic
ok = vim.wait(30000, function() return #missing_auth() == 0 end, 50)
if not ok then return fail("missing-auth diagnostic not cleared after the fix") end
out("missing-auth diagnostics after fix: 0")
local on_disk = table.concat(vim.fn.readfile(file), "\n")
if not on_disk:find("router.delete('/:id', requireAuth, (req, res)", 1, true) then return fail("the file on disk is not fixed") end
if not on_disk:find("import { requireAuth } from '../auth.js'", 1, true) then out(on_disk); return fail("the import was not added") end
if #errors > 0 then return fail("server logged errors: " .. table.concat(errors, "; ")) end

vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
out("PASS")
vim.cmd("qall!")
