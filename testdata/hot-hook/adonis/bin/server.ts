// Boots the application as an HTTP server (what the dev server forks).
import 'reflect-metadata'
import { Ignitor, prettyPrintError } from '@adonisjs/core'

const appRoot = new URL('../', import.meta.url)

// Paths in adonisrc are relative to the app; everything else is a package or an import alias.
function importer(specifier: string) {
  return specifier.startsWith('./') || specifier.startsWith('../')
    ? import(new URL(specifier, appRoot).href)
    : import(specifier)
}

new Ignitor(appRoot, { importer })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
