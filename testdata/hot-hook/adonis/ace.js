// The ace command line (`node ace.js serve --hmr`): TypeScript through ts-exec, then bin/console.ts.
import '@poppinss/ts-exec'

await import('./bin/console.js')
