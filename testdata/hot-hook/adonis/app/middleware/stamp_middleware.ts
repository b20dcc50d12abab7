import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

export default class StampMiddleware {
  async handle({ response }: HttpContext, next: NextFn) {
    response.header('x-stamp', 'middleware v1')
    return next()
  }
}
