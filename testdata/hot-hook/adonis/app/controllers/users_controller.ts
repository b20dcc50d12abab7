import type { HttpContext } from '@adonisjs/core/http'
import { describeUsers } from '#services/users_service'

export default class UsersController {
  index({ response }: HttpContext) {
    return `controller v1 ${describeUsers()} ${response.getHeader('x-stamp')}`
  }
}
